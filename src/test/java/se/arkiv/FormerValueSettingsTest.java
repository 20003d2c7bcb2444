package se.arkiv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import se.arkiv.extraction.ExtractionSettings;
import se.arkiv.filing.InboxSettings;
import se.arkiv.search.SearchSettings;

/**
 * The properties that were read one by one with {@code @Value} keep their names and defaults now
 * that settings records bind them, so an operator's configuration works as before.
 */
class FormerValueSettingsTest {

  private static <T> T bind(Map<String, String> properties, String prefix, Class<T> type) {
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
  }

  @Test
  void theDefaultsAreTheOnesTheValuesHad() {
    assertThat(bind(Map.of(), "arkiv.index", SearchSettings.class))
        .returns(10_000, SearchSettings::maxWindow)
        .returns(Duration.ofHours(24), SearchSettings::fullCatchUpInterval);
    assertThat(bind(Map.of(), "arkiv.inbox", InboxSettings.class).user()).isEqualTo("inbox");
    assertThat(bind(Map.of(), "arkiv.extraction", ExtractionSettings.class).fullSweepInterval())
        .isEqualTo(Duration.ofHours(24));
  }

  @Test
  void theOldPropertyNamesStillSetThem() {
    Map<String, String> configured =
        Map.of(
            "arkiv.index.max-window", "500",
            "arkiv.index.full-catch-up-interval", "6h",
            "arkiv.inbox.user", "skanner",
            "arkiv.extraction.full-sweep-interval", "12h");
    assertThat(bind(configured, "arkiv.index", SearchSettings.class))
        .returns(500, SearchSettings::maxWindow)
        .returns(Duration.ofHours(6), SearchSettings::fullCatchUpInterval);
    assertThat(bind(configured, "arkiv.inbox", InboxSettings.class).user()).isEqualTo("skanner");
    assertThat(bind(configured, "arkiv.extraction", ExtractionSettings.class).fullSweepInterval())
        .isEqualTo(Duration.ofHours(12));
  }
}
