package se.arkiv.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  @Bean
  ObjectStore objectStore(StorageSettings settings) {
    return new FilesystemObjectStore(settings.objectsDir());
  }
}
