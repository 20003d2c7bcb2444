package se.arkiv.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;

/**
 * The API's JSON is read strictly: a field a request does not have, or one named twice, is a 400
 * that names it. Spring Boot's default skips unknown fields, so a typo ({@code documentdate},
 * {@code retainUntill}) was filed without the value its sender meant, and of two equal keys the
 * last one silently won. What Arkiv stores is read by {@code storage.StoredJson}, which this does
 * not touch.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestJson {

  @Bean
  JsonMapperBuilderCustomizer strictRequests() {
    return builder ->
        builder
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }
}
