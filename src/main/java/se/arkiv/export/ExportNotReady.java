package se.arkiv.export;

/** The export's bag cannot be downloaded: it is still being written, or it failed. */
public class ExportNotReady extends RuntimeException {

  private final transient Export export;

  ExportNotReady(Export export) {
    super(
        export.state() == Export.State.FAILED
            ? "Export " + export.id() + " failed: " + export.problem()
            : "Export "
                + export.id()
                + " is still being written ("
                + export.done()
                + " of "
                + export.total()
                + " records); ask again when its state is READY");
    this.export = export;
  }

  public Export export() {
    return export;
  }
}
