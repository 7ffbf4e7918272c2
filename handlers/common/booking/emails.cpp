#include "common/booking/emails.hpp"

#include <ctemplate/template.h>

#include "common/booking/texts.hpp"
#include "common/calendar/conference_invitation.hpp"
#include "common/domain/formatting.hpp"

namespace audioconf::booking {

TemplateBookingEmails::TemplateBookingEmails(const render::TemplateSet& templates, Mailer& mailer,
                                             EmailSettings settings, const civil::Zone& server_zone)
    : templates_(templates),
      mailer_(mailer),
      settings_(std::move(settings)),
      server_zone_(server_zone) {}

void TemplateBookingEmails::send_link(const LinkEmail& email) {
  ctemplate::TemplateDictionary dict("validation_email");
  dict.SetValue("LINK", settings_.site_url + "/creer-conf?token=" + email.raw_token);
  dict.SetValue("EXPIRY_TEXT", domain::french_date_time(server_zone_.local(email.expires_at)) +
                                   " (" + server_zone_.label() + ")");
  dict.SetValue("SUMMARY", booking_summary(email.duration_minutes, email.day));
  auto [text, html] = templates_.render_email("validation", dict);
  mailer_.send(MailMessage{settings_.app_name, settings_.sender, email.to,
                           "Confirmez la réservation de votre conférence audio", text, html});
}

void TemplateBookingEmails::fill_conference(ctemplate::TemplateDictionary& dict,
                                            const ConferenceEmail& email) const {
  const std::string& phone = settings_.phone_number;
  dict.SetValue("PHONE_HUMAN", domain::phone_for_humans(phone));
  dict.SetValue("PHONE_TEL_WITH_CODE", domain::tel_uri_with_code(phone, email.code));
  dict.SetValue("CODE_GROUPED", domain::group_code(email.code));
  dict.SetValue("VALIDITY", validity_sentence(email.duration_minutes, email.day,
                                              email.expires_local, email.zone_label));
  if (!settings_.poll_url.empty()) {
    dict.AddSectionDictionary("POLL")->SetValue("POLL_URL", settings_.poll_url);
  }
  dict.AddSectionDictionary("MANAGE")->SetValue(
      "CONFERENCE_URL",
      settings_.site_url + "/conferences/" + email.conference_id + "#" + email.code);
}

void TemplateBookingEmails::send_conference(const ConferenceEmail& email) {
  ctemplate::TemplateDictionary dict("conference_booked");
  fill_conference(dict, email);
  auto [text, html] = templates_.render_email("conference_booked", dict);
  std::string subject = email.day ? "Votre conférence téléphonique du " +
                                        domain::french_long_date(*email.day) + " est réservée"
                                  : std::string("Votre conférence téléphonique est réservée");
  MailMessage message{settings_.app_name, settings_.sender, email.to, subject, text, html};
  message.attachments.push_back(calendar::invitation_attachment(email.invitation));
  mailer_.send(message);
}

void TemplateBookingEmails::send_extended(const ConferenceEmail& email) {
  ctemplate::TemplateDictionary dict("conference_extended");
  fill_conference(dict, email);
  auto [text, html] = templates_.render_email("conference_extended", dict);
  MailMessage message{settings_.app_name,
                      settings_.sender,
                      email.to,
                      "Votre conférence téléphonique est prolongée",
                      text,
                      html};
  message.attachments.push_back(calendar::invitation_attachment(email.invitation));
  mailer_.send(message);
}

void TemplateBookingEmails::send_canceled(const CanceledEmail& email) {
  ctemplate::TemplateDictionary dict("conference_canceled");
  dict.SetValue("PHONE_HUMAN", domain::phone_for_humans(email.invitation.phone_number));
  if (!email.code.empty()) {
    dict.AddSectionDictionary("CODE")->SetValue("CODE_GROUPED", domain::group_code(email.code));
  }
  dict.SetValue("CANCELED_AT",
                domain::french_date_time(email.canceled_local) + " (" + email.zone_label + ")");
  auto [text, html] = templates_.render_email("conference_canceled", dict);
  MailMessage message{
      settings_.app_name, settings_.sender, email.to, "Conférence annulée", text, html};
  message.attachments.push_back(calendar::invitation_attachment(email.invitation));
  mailer_.send(message);
}

}  // namespace audioconf::booking
