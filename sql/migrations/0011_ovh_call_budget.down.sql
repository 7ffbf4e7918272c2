DROP TABLE ovh_call_seconds;
