package se.arkiv.cluster;

/**
 * This node now does the once-only work: the only node once the service is ready, or a node of
 * several when it has taken the lease ({@code term} counts the holders the lease has had).
 */
public record LeadershipGained(String node, long term) {}
