package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "records/0194a3f2-7c1e-7b2a-9d4e-1f2a3b4c5d6e/original",
        "records/0194a3f2-7c1e-7b2a-9d4e-1f2a3b4c5d6e/meta/000002.json",
        "records/",
        "a",
        "a/b/",
        "...",
        "a/.hidden/b_c-d.e"
      })
  void keysArkivMakesAreAccepted(String key) {
    assertThat(ObjectKeys.check(key)).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/",
        "/records/x",
        "records//x",
        "records/x//",
        ".",
        "..",
        "records/../etc/passwd",
        "records/./x",
        "records/..",
        "records/x y",
        "records/x\\y",
        "records/å",
        "records/x\u0000",
        "records/x:y"
      })
  void keysThatCouldEscapeOrConfuseTheStoreAreRefused(String key) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ObjectKeys.check(key))
        .withMessageContaining("Unsafe object key");
  }

  @Test
  void aMissingKeyIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> ObjectKeys.check(null));
  }

  /** The rule as it was written before, as a regular expression and a check of the segments. */
  private static final Pattern FORMER = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/?");

  private static boolean formerlyAccepted(String key) {
    if (!FORMER.matcher(key).matches()) {
      return false;
    }
    for (String segment : key.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  @Test
  void decidesAsTheFormerRegularExpressionDidOnRandomKeys() {
    Random random = new Random(13);
    String alphabet = "ab./_-Z9 \u00e5";
    for (int n = 0; n < 200_000; n++) {
      StringBuilder key = new StringBuilder();
      int length = random.nextInt(8);
      for (int i = 0; i < length; i++) {
        key.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String k = key.toString();
      boolean accepted;
      try {
        ObjectKeys.check(k);
        accepted = true;
      } catch (IllegalArgumentException e) {
        accepted = false;
      }
      assertThat(accepted).as("key [%s]", k).isEqualTo(formerlyAccepted(k));
    }
  }
}
