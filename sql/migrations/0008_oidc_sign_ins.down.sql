DROP TABLE oidc_sign_ins;
