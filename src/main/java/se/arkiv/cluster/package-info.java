/**
 * Several Arkiv nodes on one object store: each node's identity, and the lease that lets exactly
 * one node at a time do the work that must happen once (disposition execution, scheduled runs, lock
 * renewal, sweeps). A node without {@code arkiv.node.id} is the only node and always leads.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package se.arkiv.cluster;
