package se.arkiv.retention;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.arkiv.record.FilePlan;

/** The file plan in force comes from its stored versions, not straight from the file. */
@Configuration(proxyBeanMethods = false)
class FilePlanConfiguration {

  @Bean
  FilePlan filePlan(FilePlanVersions versions) {
    return versions.plan();
  }
}
