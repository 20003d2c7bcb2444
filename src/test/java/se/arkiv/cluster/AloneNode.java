package se.arkiv.cluster;

/** For unit tests of once-only work: the only node, leading always. */
public final class AloneNode implements Leadership {

  public static final Leadership LEADS = new AloneNode();

  private AloneNode() {}

  @Override
  public boolean leads() {
    return true;
  }

  @Override
  public String node() {
    return "";
  }
}
