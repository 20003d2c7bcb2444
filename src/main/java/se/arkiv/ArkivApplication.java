package se.arkiv;

import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;
import se.arkiv.security.FirstRunUsers;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ArkivApplication {

  public static void main(String[] args) throws Exception {
    // `init-users <file>` writes a users file with random passwords and exits; scripts/run uses
    // it on first start so that no password ever lives in code or in git.
    if (args.length == 2 && "init-users".equals(args[0])) {
      FirstRunUsers.write(Path.of(args[1]), System.out);
      return;
    }
    SpringApplication.run(ArkivApplication.class, args);
  }
}
