package se.arkiv.retention;

import java.util.Set;

/** A hold was placed or released: the store's legal-hold flags of these records follow. */
record HoldsChanged(Set<String> recordIds) {}
