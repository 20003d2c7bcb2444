package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The UI's languages: Swedish (the default for a Swedish bank) and English. The switch in the
 * header sets a cookie; without one, the browser's Accept-Language decides between the two.
 */
@Configuration(proxyBeanMethods = false)
class UiConfiguration implements WebMvcConfigurer {

  static final Locale SWEDISH = Locale.forLanguageTag("sv");
  static final List<Locale> LANGUAGES = List.of(SWEDISH, Locale.ENGLISH);

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver("arkiv-lang");
    resolver.setCookieSameSite("Lax");
    resolver.setCookieHttpOnly(true);
    resolver.setDefaultLocaleFunction(
        request -> {
          String header = request.getHeader("Accept-Language");
          if (header == null || header.isBlank()) {
            return SWEDISH;
          }
          try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), LANGUAGES);
            return best == null ? SWEDISH : best;
          } catch (IllegalArgumentException e) {
            return SWEDISH;
          }
        });
    return resolver;
  }

  /** {@code ?lang=sv} or {@code ?lang=en} switches; any other value is ignored. */
  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(
            new HandlerInterceptor() {
              @Override
              public boolean preHandle(
                  HttpServletRequest request, HttpServletResponse response, Object handler) {
                String lang = request.getParameter("lang");
                LANGUAGES.stream()
                    .filter(locale -> locale.getLanguage().equals(lang))
                    .findFirst()
                    .ifPresent(
                        locale ->
                            RequestContextUtils.getLocaleResolver(request)
                                .setLocale(request, response, locale));
                return true;
              }
            })
        .excludePathPatterns("/api/**");
  }
}
