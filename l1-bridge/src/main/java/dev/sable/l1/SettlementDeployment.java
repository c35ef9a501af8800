package dev.sable.l1;

import java.math.BigInteger;

/**
 * What a SettlementBridge is deployed with.
 *
 * @param token the collateral token (a plain ERC-20: no transfer fees, no rebasing)
 * @param verifier the deployed verifier of the settlement circuit
 * @param layout that circuit's capacities
 * @param exitVerifier the deployed verifier of the exit circuit
 * @param exitDeadline seconds the operator has to serve a forced withdrawal request (days in
 *     production)
 * @param operator who submits batches
 * @param governance the TimelockController that alone changes the bridge's rules
 * @param guardian the address that can pause batch submission at once
 * @param genesisRoot the state root before the first batch (below BN254's scalar field)
 * @param genesisMarkets how many markets that state lists (1 to 256); the bridge refuses a circuit
 *     with request slots and fewer market rows than min(8, genesisMarkets)
 * @param verifyGas gas forwarded to the verifier (150,000 to 5,000,000)
 */
public record SettlementDeployment(
    String token,
    String verifier,
    PublicDataLayout layout,
    String exitVerifier,
    long exitDeadline,
    String operator,
    String governance,
    String guardian,
    BigInteger genesisRoot,
    int genesisMarkets,
    long verifyGas) {}
