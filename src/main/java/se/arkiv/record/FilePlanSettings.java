package se.arkiv.record;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the file plan lives: {@code arkiv.file-plan.location}. */
@ConfigurationProperties("arkiv.file-plan")
public record FilePlanSettings(@DefaultValue("./storage-config/file-plan.yaml") Path location) {}
