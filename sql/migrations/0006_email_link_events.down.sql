DROP TABLE email_link_events;
