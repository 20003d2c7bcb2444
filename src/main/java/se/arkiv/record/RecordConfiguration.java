package se.arkiv.record;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RecordConfiguration {

  /** The one clock of the service: tests replace it to move through years. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
