DROP TABLE "phoneCalls";
DROP TABLE users;
DROP TABLE stats;
DROP TABLE "loginTokens";
DROP TABLE conferences;
