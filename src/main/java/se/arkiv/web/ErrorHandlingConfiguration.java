package se.arkiv.web;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat answers its own rejections as problem details too ({@link ProblemReportValve}). */
@Configuration(proxyBeanMethods = false)
class ErrorHandlingConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
    // The host adds its error report valve when it starts, after the context is prepared: naming
    // the class here replaces Tomcat's HTML report for every error of this server.
    return factory -> {
      factory.addConnectorCustomizers(
          connector ->
              connector.addLifecycleListener(
                  event -> {
                    // The connector makes its adapter when it initialises; wrap it before start.
                    if (Lifecycle.AFTER_INIT_EVENT.equals(event.getType())) {
                      connector
                          .getProtocolHandler()
                          .setAdapter(
                              new UnparsedRequestProblems(
                                  connector.getProtocolHandler().getAdapter()));
                    }
                  }));
      factory.addContextCustomizers(
          context -> {
            if (context.getParent() instanceof StandardHost host) {
              host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
          });
    };
  }
}
