package se.arkiv.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordId;
import se.arkiv.retention.LegalHolds;
import se.arkiv.search.SearchService;
import se.arkiv.security.Actor;
import se.arkiv.security.Role;
import se.arkiv.storage.FiledMetadata;
import se.arkiv.storage.RecordStore;

class ExportSelectionTest {

  private static final String KEPT = "0190f5a4-0000-7000-8000-00000000000a";
  private static final String DESTROYED = "0190f5a4-0000-7000-8000-00000000000b";
  private static final String HOLD = "0190f5a4-1111-7000-8000-000000000000";

  private final SearchService search = mock(SearchService.class);
  private final LegalHolds holds = mock(LegalHolds.class);
  private final RecordStore records = mock(RecordStore.class);
  private final ExportSelection selection =
      new ExportSelection(search, holds, mock(FilePlan.class), records);

  @Test
  void aHoldsSelectionLeavesOutARecordDestroyedSinceForAnAuditorToo() {
    when(search.isCurrent()).thenReturn(true);
    when(holds.coveredBy(HOLD)).thenReturn(Set.of(KEPT, DESTROYED));
    when(records.latest(RecordId.of(KEPT)))
        .thenReturn(
            Optional.of(
                FiledMetadata.of(
                    RecordId.of(KEPT), "ab", "CORRESPONDENCE", "HR", BusinessKeys.NONE)));
    when(records.latest(RecordId.of(DESTROYED))).thenReturn(Optional.empty());
    Actor auditor = new Actor("aud", Set.of(Role.AUDITOR), List.of());

    List<String> selected = selection.select(new ExportRequest(null, HOLD, null, null), auditor);

    // The bag holds what the export counts: the destroyed one made its total 2 and its bag 1.
    assertThat(selected).containsExactly(KEPT);
  }
}
