#include "common/booking/assembly.hpp"

namespace audioconf::booking {

BookingAssembly::BookingAssembly(const BookingInfrastructure& infrastructure, const Config& config,
                                 const civil::Zone& server_zone)
    : tokens_(infrastructure.db),
      pending_(infrastructure.db),
      conferences_(infrastructure.db),
      emails_(
          infrastructure.templates, infrastructure.mailer,
          EmailSettings{config.app_name, config.mail_sender_email, config.hostname_with_protocol,
                        config.ovh_phone_number, config.poll_url},
          server_zone),
      service_(BookingCollaborators{tokens_, pending_, conferences_, infrastructure.telephony,
                                    emails_, infrastructure.allow_list, infrastructure.clock,
                                    infrastructure.random},
               booking_settings_of(config), server_zone) {}

}  // namespace audioconf::booking
