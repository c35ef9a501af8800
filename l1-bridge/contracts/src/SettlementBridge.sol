// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {BridgeRoles} from "./BridgeRoles.sol";
import {IVerifier} from "./IVerifier.sol";
import {PublicData} from "./PublicData.sol";
import {RecordChain} from "./RecordChain.sol";
import {SettlementCustody} from "./SettlementCustody.sol";
import {SettlementData} from "./SettlementData.sol";

/// @title Sable's bridge: custody of the collateral and the settlement batches that move it
/// @notice Holds the collateral token (SettlementCustody: deposits, claims, forced withdrawal
/// requests, the freeze, exits). The operator posts settlement batches, each with a proof (checked
/// on-chain) that it applies the exchange's rules to the state root the bridge holds, consuming
/// the deposit queue's next deposits in order (crediting or refunding each), serving the forced
/// withdrawal requests' next ones in order, and paying out signed withdrawals. Payments are
/// credited to their recipients, who claim them (pull, not push). Roles and governance:
/// BridgeRoles, docs/trust.md; the whole contract: docs/bridge.md.
contract SettlementBridge is SettlementCustody {
    using SafeCast for uint256;
    using SettlementData for SettlementData.Layout;

    // One storage slot, read by every submission: the verifier and where things are in its
    // circuit's public data.
    /// @notice The gnark-exported verifier of the settlement circuit.
    IVerifier public verifier;
    uint8 internal depositSlots;
    uint16 internal withdrawalSlots;
    uint16 internal marketRows;
    uint16 internal stepSlots;
    uint8 internal requestSlots;
    uint16 internal accountRows;
    bool internal riskCommitment;

    // One storage slot, read by aggregate submissions only: the aggregate circuit's verifier and
    // the number of batches each of its proofs covers, set together.
    /// @notice The verifier of the aggregate circuit (docs/bridge.md, "Several batches, one
    /// proof"): one proof that the settlement circuit's proofs of `aggregateSegments` consecutive
    /// batches hold. 0 when none is installed.
    IVerifier public aggregateVerifier;
    /// @notice How many batches each aggregate proof covers (the aggregate circuit's k); 0 when
    /// no aggregate verifier is installed.
    uint8 public aggregateSegments;

    /// @notice How many markets the genesis state lists (every market there is: markets are
    /// listed only at genesis). Fixed at deployment with the genesis root it describes, so that
    /// no later verifier can be installed whose circuit cannot serve every forced request.
    uint256 public immutable genesisMarkets;

    /// @notice A batch was accepted. `markets` are its market rows as the public data has them
    /// (SettlementData.marketsAt): each touched market's mark, funding index and rate.
    event BatchSubmitted(
        uint256 indexed batchNumber,
        uint256 oldRoot,
        uint256 newRoot,
        uint256 batchTime,
        uint256 depositsConsumed,
        uint256[] markets
    );
    /// @notice A batch of a -pm circuit was accepted: `commitment` is its public data's risk
    /// commitment (SettlementData.riskCommitmentAt), the hash of the risk rows its portfolio
    /// requirements were checked at, for anyone who recomputes them (`sable verify`).
    event RiskCommitted(uint256 indexed batchNumber, uint256 commitment);
    /// @notice A batch paid a signed withdrawal: `recipient` can claim `amount` more.
    event WithdrawalCredited(
        uint256 indexed batchNumber, address indexed recipient, uint256 amount
    );
    /// @notice Governance replaced the verifier (and with it the circuit's capacities).
    event VerifierChanged(
        address indexed previous,
        address indexed next,
        bytes32 verifyingKeyHash,
        SettlementData.Layout layout
    );

    /// @notice Governance installed (or, with `next` 0, removed) the aggregate verifier; each of
    /// its proofs covers `segments` consecutive batches of the settlement circuit in force.
    event AggregateVerifierChanged(
        address indexed previous, address indexed next, bytes32 verifyingKeyHash, uint256 segments
    );

    /// The public data does not have the length the circuit's capacities give.
    error WrongPublicDataLength(uint256 expected, uint256 given);
    /// The batch was proven for another chain.
    error WrongChainId(uint256 expected, uint256 given);
    /// The batch was proven for another bridge.
    error WrongBridge(address expected, uint256 given);
    /// The batch is not the next one.
    error WrongBatchNumber(uint256 expected, uint256 given);
    /// The batch's time (milliseconds) is in a later second than the block's (seconds).
    error BatchTimeInFuture(uint256 batchTime, uint256 blockTime);
    /// The batch's time is before the previous batch's.
    error BatchTimeBeforePrevious(uint256 batchTime, uint256 previous);
    /// The batch does not start from the current root.
    error WrongOldRoot(uint256 expected, uint256 given);
    /// The batch does not start at the queue's first unconsumed deposit.
    error WrongDepositStart(uint256 expected, uint256 given);
    /// The batch consumes more deposits than it has slots.
    error TooManyDeposits(uint256 count, uint256 slots);
    /// The batch consumes deposits up to `end`, but only `queued` were ever queued.
    error DepositsNotQueued(uint256 end, uint256 queued);
    /// The batch's deposit records are not the queue's deposits [start, start + count).
    error DepositRecordsMismatch(uint256 start, uint256 count);
    /// The batch does not start at the first unserved forced withdrawal request.
    error WrongRequestStart(uint256 expected, uint256 given);
    /// The batch serves more requests than it has slots.
    error TooManyRequests(uint256 count, uint256 slots);
    /// The batch serves requests up to `end`, but only `queued` were ever registered.
    error RequestsNotQueued(uint256 end, uint256 queued);
    /// The batch's request records are not the queue's requests [start, start + count).
    error RequestRecordsMismatch(uint256 start, uint256 count);
    /// No aggregate verifier is installed: batches are taken one by one only.
    error NoAggregateVerifier();
    /// An aggregate verifier with no batch per proof or more than 255, or address 0 with some.
    error AggregateSegmentsOutOfRange(address verifier, uint256 segments);
    /// The genesis root is not below r: no batch could ever follow it.
    error GenesisRootNotInField(uint256 root);
    /// Capacities no settlement circuit has (deposit slots 1..248, at least one withdrawal slot).
    error LayoutOutOfRange(uint256 depositSlots, uint256 withdrawalSlots, uint256 marketRows);
    /// The genesis lists no market, or more than market ids can name (one byte).
    error GenesisMarketsOutOfRange(uint256 markets);
    /// A circuit with request slots has fewer market rows than the markets one account can hold
    /// (min(8, genesisMarkets)): a request of such an account could not be served and would let
    /// anyone freeze the bridge at its deadline.
    error RequestsNeedMarketRows(uint256 marketRows, uint256 needed);
    /// A circuit with request slots, liquidation steps and account rows has no account row for
    /// the request's account beside the fund's row 0.
    error RequestsNeedAccountRows(uint256 accountRows, uint256 needed);

    /// @param token_ the collateral token (a plain ERC-20: no transfer fees, no rebasing)
    /// @param verifier_ the settlement circuit's verifier
    /// @param layout_ its circuit's capacities
    /// @param exitVerifier_ the exit circuit's verifier
    /// @param exitDeadline_ seconds the operator has to serve a forced withdrawal request (> 0)
    /// @param operator_ who submits batches
    /// @param governance_ the timelock (delay at least MIN_UPGRADE_DELAY) that changes the rules
    /// @param guardian_ who can pause batches
    /// @param genesisRoot the state root before the first batch (below r)
    /// @param genesisMarkets_ how many markets that state lists (1..256)
    /// @param verifyGas_ gas forwarded to a verifier
    constructor(
        IERC20 token_,
        IVerifier verifier_,
        SettlementData.Layout memory layout_,
        IVerifier exitVerifier_,
        uint256 exitDeadline_,
        address operator_,
        TimelockController governance_,
        address guardian_,
        uint256 genesisRoot,
        uint256 genesisMarkets_,
        uint64 verifyGas_
    )
        BridgeRoles(operator_, governance_, guardian_, verifyGas_)
        SettlementCustody(token_, exitVerifier_, exitDeadline_)
    {
        if (genesisRoot >= PublicData.R) revert GenesisRootNotInField(genesisRoot);
        stateRoot = genesisRoot;
        if (genesisMarkets_ == 0 || genesisMarkets_ > SettlementData.MARKET_IDS) {
            revert GenesisMarketsOutOfRange(genesisMarkets_);
        }
        genesisMarkets = genesisMarkets_;
        install(verifier_, layout_);
    }

    /// @notice Operator only, not while paused or frozen: accepts a settlement batch. Checks the
    /// header of its public data against the bridge (chain id, this bridge, the next batch number,
    /// a time neither in the future nor before the last batch's, the current root, the queue's
    /// first unconsumed deposit), that its deposit records are the deposit queue's next ones and
    /// its request records the request queue's next ones, verifies the proof for the public inputs
    /// derived from publicData and commitment (PublicData.sol), then stores the new root and the
    /// market rows, and credits the batch's refunds, withdrawals and served requests.
    /// @param publicData the batch's public data d (docs/settlement.md), every element below r
    /// @param commitment the circuit's commitment c = Poseidon2(TAG_PUBDATA, d)
    /// @param proof the Groth16 proof in the verifier's calldata encoding (256 bytes)
    function submitBatch(uint256[] calldata publicData, uint256 commitment, bytes calldata proof)
        external
        virtual
        submission
    {
        SettlementData.Layout memory l = layout();
        uint256 n = l.length();
        if (publicData.length != n) revert WrongPublicDataLength(n, publicData.length);
        (uint256 batchNumber, uint256 consumed) = check(publicData, l);
        verifyBound(verifier, publicData, commitment, proof);
        accept(publicData, l, batchNumber, consumed);
    }

    /// @notice Operator only, not while paused or frozen, once governance installed an aggregate
    /// verifier: accepts `aggregateSegments` consecutive settlement batches with one aggregate
    /// proof. Each batch's public data d_i is a segment of `publicData` (d_1 first), checked and
    /// accepted as submitBatch does, in order, each against the state the previous one left (its
    /// root, batch number, deposit and request queues, time), after the aggregate verifier is
    /// called once for the public inputs derived from the whole publicData and commitment
    /// (PublicData.sol; a refused proof costs no effect). Events are those of the batches
    /// submitted one by one.
    /// @param publicData D = d_1 || ... || d_k, each d_i a batch's public data at the settlement
    /// circuit's layout (docs/settlement.md), every element below r
    /// @param commitment the aggregate circuit's commitment C to D
    /// @param proof the aggregate's Groth16 proof in its verifier's calldata encoding
    function submitBatches(uint256[] calldata publicData, uint256 commitment, bytes calldata proof)
        external
        virtual
        submission
    {
        SettlementData.Layout memory l = layout();
        (IVerifier v, uint256 k) = aggregate();
        uint256 n = l.length();
        if (publicData.length != n * k) revert WrongPublicDataLength(n * k, publicData.length);
        // The segments first, the verifier last: a replay or a stale root (an operator's retry,
        // the likely refusal) is refused before the ~330k verifier; the effects revert with it.
        for (uint256 at = 0; at < publicData.length; at += n) {
            uint256[] calldata d = publicData[at:at + n];
            (uint256 batchNumber, uint256 consumed) = check(d, l);
            accept(d, l, batchNumber, consumed);
        }
        verifyBound(v, publicData, commitment, proof);
    }

    /// @notice The hash of the verifying key the bridge checks batch proofs with; a node compares
    /// it with its own keys before posting.
    function verifyingKeyHash() external view returns (bytes32) {
        return verifier.verifyingKeyHash();
    }

    /// @notice Whether this bridge takes batches with their owner rows in an EIP-4844 blob
    /// (SettlementBlobBridge.submitBlobBatch) instead of calldata (submitBatch): false here. A node
    /// compares it with its circuit's kind (`-owner-blob` or not) before posting, since the two
    /// kinds share the layout.
    function blobBatches() external pure virtual returns (bool) {
        return false;
    }

    /// @notice The capacities of the circuit the verifier checks: where things are in the public
    /// data, which has layout().length() elements.
    function layout() public view returns (SettlementData.Layout memory) {
        return SettlementData.Layout(
            depositSlots,
            withdrawalSlots,
            marketRows,
            stepSlots,
            requestSlots,
            accountRows,
            riskCommitment
        );
    }

    /// @notice Governance only (after the timelock's delay): the verifier of a new circuit version
    /// and that circuit's capacities, which must serve every forced request the bridge may queue
    /// when the circuit has request slots (requireServesRequests).
    /// @param next the new verifier (must answer verifyingKeyHash())
    /// @param nextLayout its circuit's capacities
    function setVerifier(IVerifier next, SettlementData.Layout calldata nextLayout)
        external
        virtual
        onlyGovernance
    {
        install(next, nextLayout);
    }

    /// @notice Governance only (after the timelock's delay): the verifier of an aggregate circuit
    /// whose proofs each cover `segments` consecutive batches of the settlement circuit in force
    /// (the inner verifying key fixed in it must be that circuit's); address 0 with 0 segments
    /// removes it. setVerifier removes it too: its inner circuit is no longer the one in force.
    /// @param next the aggregate verifier (must answer verifyingKeyHash()), or 0
    /// @param segments the batches each of its proofs covers (its circuit's k: 1 to 255), or 0
    function setAggregateVerifier(IVerifier next, uint256 segments) external onlyGovernance {
        if (address(next) == address(0)) {
            if (segments != 0) revert AggregateSegmentsOutOfRange(address(0), segments);
            installAggregate(next, 0, bytes32(0));
            return;
        }
        requireContract(address(next));
        if (segments == 0 || segments > type(uint8).max) {
            revert AggregateSegmentsOutOfRange(address(next), segments);
        }
        installAggregate(next, segments, next.verifyingKeyHash());
    }

    /// The aggregate verifier and its segment count, installed together.
    function installAggregate(IVerifier next, uint256 segments, bytes32 keyHash) internal {
        emit AggregateVerifierChanged(address(aggregateVerifier), address(next), keyHash, segments);
        aggregateVerifier = next;
        aggregateSegments = segments.toUint8();
    }

    /// What every submission requires first, in this order: the bridge not frozen, batches not
    /// paused, the caller the operator.
    modifier submission() {
        requireNotFrozen();
        requireSubmitter();
        _;
    }

    /// The aggregate verifier in force and the batches each of its proofs covers.
    function aggregate() internal view returns (IVerifier v, uint256 k) {
        v = aggregateVerifier;
        k = aggregateSegments;
        if (k == 0) revert NoAggregateVerifier();
    }

    /// Checks one batch's public data against the bridge (header, deposit and request records);
    /// returns its batch number and the deposits consumed once it is accepted.
    function check(uint256[] calldata d, SettlementData.Layout memory l)
        internal
        view
        returns (uint256 batchNumber, uint256 consumed)
    {
        batchNumber = checkHeader(d);
        consumed = checkDeposits(d, l.depositSlots);
        checkRequests(d, l);
    }

    /// Puts a verifier and its circuit's capacities in force together (the capacities say how to
    /// read the public data the verifier's proofs are about).
    function install(IVerifier next, SettlementData.Layout memory l) internal {
        requireContract(address(next));
        if (
            l.depositSlots == 0 || l.depositSlots > SettlementData.MAX_DEPOSIT_SLOTS
                || l.withdrawalSlots == 0
        ) revert LayoutOutOfRange(l.depositSlots, l.withdrawalSlots, l.marketRows);
        requireServesRequests(l);
        emit VerifierChanged(address(verifier), address(next), next.verifyingKeyHash(), l);
        if (aggregateSegments != 0) installAggregate(IVerifier(address(0)), 0, bytes32(0));
        verifier = next;
        depositSlots = l.depositSlots.toUint8();
        withdrawalSlots = l.withdrawalSlots.toUint16();
        marketRows = l.marketRows.toUint16();
        stepSlots = l.stepSlots.toUint16();
        requestSlots = l.requestSlots.toUint8();
        accountRows = l.accountRows.toUint16();
        riskCommitment = l.riskCommitment;
    }

    /// The capacity rule (docs/settlement.md, "Capacity rule"): a circuit with request slots has a
    /// market row for every market a request's account can hold positions in (at most
    /// POSITION_SLOTS, at most every listed market) and, when its account rows are known (the
    /// owner-data section) and it has liquidation steps, a row for that account beside the fund's.
    /// A circuit without request slots serves none: a request on its bridge freezes it anyway.
    function requireServesRequests(SettlementData.Layout memory l) internal view {
        if (l.requestSlots == 0) return;
        uint256 markets = genesisMarkets < SettlementData.POSITION_SLOTS
            ? genesisMarkets
            : SettlementData.POSITION_SLOTS;
        if (l.marketRows < markets) revert RequestsNeedMarketRows(l.marketRows, markets);
        if (l.accountRows != 0 && l.stepSlots != 0 && l.accountRows < 2) {
            revert RequestsNeedAccountRows(l.accountRows, 2);
        }
    }

    /// Checks the header against the bridge; returns the batch number.
    function checkHeader(uint256[] calldata d) internal view returns (uint256 batchNumber) {
        if (d[SettlementData.CHAIN_ID] != block.chainid) {
            revert WrongChainId(block.chainid, d[SettlementData.CHAIN_ID]);
        }
        if (d[SettlementData.CONTRACT] != uint256(uint160(address(this)))) {
            revert WrongBridge(address(this), d[SettlementData.CONTRACT]);
        }
        batchNumber = uint256(batchCount) + 1;
        if (d[SettlementData.BATCH_NUMBER] != batchNumber) {
            revert WrongBatchNumber(batchNumber, d[SettlementData.BATCH_NUMBER]);
        }
        uint256 time = d[SettlementData.BATCH_TIME];
        // L1's clock bounds the batch's on purpose; a block proposer's few seconds of leeway only
        // move by as much when a batch can be posted. The batch's time is the sequencer's log
        // time, in milliseconds (docs/bridge.md): its second must not be after the block's.
        // forge-lint: disable-next-line(block-timestamp)
        if (time / 1000 > block.timestamp) revert BatchTimeInFuture(time, block.timestamp);
        if (time < lastBatchTime) revert BatchTimeBeforePrevious(time, lastBatchTime);
        if (d[SettlementData.OLD_ROOT] != stateRoot) {
            revert WrongOldRoot(stateRoot, d[SettlementData.OLD_ROOT]);
        }
        if (d[SettlementData.DEPOSIT_START] != depositsConsumed) {
            revert WrongDepositStart(depositsConsumed, d[SettlementData.DEPOSIT_START]);
        }
    }

    /// Checks that the batch's deposit records are the queue's next ones; returns the number of
    /// deposits consumed once the batch is accepted.
    function checkDeposits(uint256[] calldata d, uint256 slots) internal view returns (uint256) {
        uint256 start = d[SettlementData.DEPOSIT_START];
        uint256 count = d[SettlementData.DEPOSIT_COUNT];
        if (count > slots) revert TooManyDeposits(count, slots);
        if (count == 0) return start;
        uint256 end = start + count;
        if (end > depositsQueued) revert DepositsNotQueued(end, depositsQueued);
        bytes32 chain = RecordChain.extend(depositChain[start], d, SettlementData.HEADER, count, 3);
        if (chain != depositChain[end]) revert DepositRecordsMismatch(start, count);
        return end;
    }

    /// Checks that the batch's request records are the request queue's next ones.
    function checkRequests(uint256[] calldata d, SettlementData.Layout memory l) internal view {
        if (l.requestSlots == 0) return;
        uint256 at = l.requestsAt();
        uint256 start = d[at];
        uint256 count = d[at + 1];
        if (start != requestsServed) revert WrongRequestStart(requestsServed, start);
        if (count > l.requestSlots) revert TooManyRequests(count, l.requestSlots);
        if (count == 0) return;
        uint256 end = start + count;
        if (end > requestsQueued) revert RequestsNotQueued(end, requestsQueued);
        bytes32 chain =
            RecordChain.extend(requestChain[start], d, at + 2, count, SettlementData.REQUEST_WIDTH);
        if (chain != requestChain[end]) revert RequestRecordsMismatch(start, count);
    }

    /// Stores the accepted batch's root, progress and market rows, credits its payments.
    function accept(
        uint256[] calldata d,
        SettlementData.Layout memory l,
        uint256 batchNumber,
        uint256 consumed
    ) internal {
        uint256 batchTime = d[SettlementData.BATCH_TIME];
        stateRoot = d[SettlementData.NEW_ROOT];
        batchCount = batchNumber.toUint64();
        lastBatchTime = batchTime.toUint56();
        depositsConsumed = consumed.toUint64();
        creditRefunds(d, l);
        creditWithdrawals(d, l, batchNumber);
        creditRequests(d, l, batchNumber);
        uint256 markets = l.marketsAt();
        storeMarketRows(d[markets:markets + l.marketRows]);
        emit BatchSubmitted(
            batchNumber,
            d[SettlementData.OLD_ROOT],
            d[SettlementData.NEW_ROOT],
            batchTime,
            consumed,
            d[markets:markets + l.marketRows]
        );
        if (l.riskCommitment) emit RiskCommitted(batchNumber, d[l.riskCommitmentAt()]);
    }

    /// Credits each refunded deposit's amount to its sender.
    function creditRefunds(uint256[] calldata d, SettlementData.Layout memory l) internal {
        uint256 bits = d[l.refundBitsAt()];
        uint256 count = d[SettlementData.DEPOSIT_COUNT];
        uint256 start = d[SettlementData.DEPOSIT_START];
        for (uint256 i = 0; bits != 0 && i < count; i++) {
            if (bits & 1 == 1) {
                uint256 record = d[SettlementData.HEADER + 3 * i];
                credit(
                    SettlementData.depositSender(record),
                    SettlementData.depositAmount(record),
                    start + i
                );
            }
            bits >>= 1;
        }
    }

    /// Credits each withdrawal (used slots come first; an unused one is 0).
    function creditWithdrawals(uint256[] calldata d, SettlementData.Layout memory l, uint256 batch)
        internal
    {
        uint256 at = l.withdrawalsAt();
        for (uint256 j = 0; j < l.withdrawalSlots; j++) {
            uint256 w = d[at + j];
            if (w == 0) break;
            address recipient = SettlementData.withdrawalRecipient(w);
            uint256 amount = SettlementData.withdrawalAmount(w);
            claimable[recipient] += amount;
            emit WithdrawalCredited(batch, recipient, amount);
        }
    }

    /// Marks the served requests and credits what each was paid to its recipient.
    function creditRequests(uint256[] calldata d, SettlementData.Layout memory l, uint256 batch)
        internal
    {
        if (l.requestSlots == 0) return;
        uint256 at = l.requestsAt();
        uint256 start = d[at];
        uint256 count = d[at + 1];
        if (count == 0) return;
        requestsServed = (start + count).toUint64();
        uint256 paidAt = l.requestPaymentsAt();
        for (uint256 i = 0; i < count; i++) {
            // A request's recipient is an address: forceWithdrawal took it as one.
            // forge-lint: disable-next-line(unsafe-typecast)
            address recipient = address(uint160(d[at + 3 + SettlementData.REQUEST_WIDTH * i]));
            uint256 paid = d[paidAt + i];
            if (paid != 0) claimable[recipient] += paid;
            emit ForcedWithdrawalServed(start + i, batch, recipient, paid);
        }
    }

    /// Keeps each market row the batch publishes (used rows come first), for exits.
    function storeMarketRows(uint256[] calldata rows) internal {
        for (uint256 m = 0; m < rows.length; m++) {
            uint256 row = rows[m];
            if (row == 0) break;
            marketRow[row & 0xff] = row;
        }
    }
}
