package dev.sable.node.api;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.sealed.NodeKeyEndorsement;

/**
 * Who the node is to traders: the deployment (chain id and bridge) every signature and seal is
 * bound to, the node's HPKE public key, and the operator's endorsement of that key.
 */
public record NodeIdentity(
    Deployment deployment, byte[] intakeKey, NodeKeyEndorsement endorsement) {}
