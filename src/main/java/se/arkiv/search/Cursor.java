package se.arkiv.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The opaque {@code nextCursor}: the sort values of the last hit of a page, so the next page starts
 * right after it even when records are filed in between. The record id is always the last sort key,
 * so no two hits tie and none is skipped or repeated.
 */
final class Cursor {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Cursor() {}

  static String encode(String sortName, ScoreDoc last) {
    FieldDoc fieldDoc = (FieldDoc) last;
    StringBuilder text = new StringBuilder("1|").append(sortName);
    for (Object value : fieldDoc.fields) {
      text.append('|');
      if (value instanceof Float f) {
        text.append('f').append(Float.floatToIntBits(f));
      } else if (value instanceof Long l) {
        text.append('l').append(l);
      } else if (value instanceof BytesRef bytes) {
        text.append('b').append(ENCODER.encodeToString(BytesRef.deepCopyOf(bytes).bytes));
      } else {
        throw new IllegalStateException("Unexpected sort value " + value);
      }
    }
    return ENCODER.encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  static FieldDoc decode(String cursor, String sortName) {
    try {
      String text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.split("\\|");
      if (parts.length < 3 || !parts[0].equals("1")) {
        throw new InvalidQuery("The cursor is not one this service made");
      }
      if (!parts[1].equals(sortName)) {
        throw new InvalidQuery("The cursor belongs to a search sorted by " + parts[1]);
      }
      Object[] values = new Object[parts.length - 2];
      for (int i = 2; i < parts.length; i++) {
        String part = parts[i];
        String body = part.substring(1);
        values[i - 2] =
            switch (part.charAt(0)) {
              case 'f' -> Float.intBitsToFloat(Integer.parseInt(body));
              case 'l' -> Long.parseLong(body);
              case 'b' -> new BytesRef(DECODER.decode(body));
              default -> throw new InvalidQuery("The cursor is not one this service made");
            };
      }
      // Integer.MAX_VALUE: nothing that ties with the last hit is returned again.
      return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw new InvalidQuery("The cursor is not one this service made");
    }
  }
}
