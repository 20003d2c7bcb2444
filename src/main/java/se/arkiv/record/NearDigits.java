package se.arkiv.record;

import java.util.BitSet;
import java.util.regex.Matcher;

/**
 * Where in a text a number may start, and a {@link Matcher#find} that tries only there. Each
 * pattern {@link EntityKeyFinder} reads a labelled number, an unlabelled number or an IBAN with has
 * a digit near its start; most of a letter or a contract is prose, where none can start, and trying
 * every pattern at every character of it was the costliest part of finding keys
 * (scripts/benchmark-keys).
 */
final class NearDigits {

  /**
   * How far before a digit a match of a labelled number, an unlabelled number or an IBAN may start.
   * Every one has a digit within 27 characters of its start (the longest label,
   * organisationsnummer, then up to eight separators); the margin leaves room for a longer label.
   */
  static final int REACH = 40;

  private NearDigits() {}

  /** The places where a number may start: up to {@link #REACH} characters before each digit. */
  static BitSet starts(String text) {
    BitSet starts = new BitSet(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        starts.set(Math.max(0, i - REACH), i + 1);
      }
    }
    return starts;
  }

  /**
   * What {@link Matcher#find(int)} finds from {@code from}, trying only the starts in {@code
   * starts}; the matcher sees the whole text around each start, so look-behinds read as before.
   */
  static boolean find(Matcher m, BitSet starts, int from) {
    m.useTransparentBounds(true).useAnchoringBounds(false);
    int end = m.regionEnd();
    for (int at = starts.nextSetBit(from); at >= 0; at = starts.nextSetBit(at + 1)) {
      m.region(at, end);
      if (m.lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /** Every place: the baseline that tries each pattern at every character. */
  static BitSet everywhere(String text) {
    BitSet every = new BitSet(text.length());
    every.set(0, text.length());
    return every;
  }
}
