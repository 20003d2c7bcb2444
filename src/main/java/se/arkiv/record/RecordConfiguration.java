package se.arkiv.record;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RecordConfiguration {

  @Bean
  FilePlan filePlan(FilePlanSettings settings) {
    return FilePlanLoader.load(settings.location());
  }

  /** The one clock of the service: tests replace it to move through years. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
