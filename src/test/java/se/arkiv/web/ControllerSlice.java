package se.arkiv.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import se.arkiv.security.TokenAuthentication;

/**
 * A {@code @WebMvcTest} of the named controllers as this project runs one: MockMvc without the
 * security filter chain (the permission matrices test the rules over HTTP), and stand-ins for two
 * beans every web slice picks up but none of these tests uses: {@link TokenAuthentication}, a
 * Converter, and {@link UploadSizeGuard}, a servlet filter that is still a bean with the filters
 * off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@AutoConfigureMockMvc(addFilters = false)
@MockitoBean(types = {TokenAuthentication.class, UploadSizeGuard.class})
@interface ControllerSlice {

  /** The controllers under test. */
  @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
  Class<?>[] value();
}
