// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {BridgeRoles} from "./BridgeRoles.sol";
import {DepositChain} from "./DepositChain.sol";
import {ISettlementVerifier} from "./ISettlementVerifier.sol";
import {PublicData} from "./PublicData.sol";
import {SettlementData} from "./SettlementData.sol";

/// @title Sable's bridge: custody of the collateral and the settlement batches that move it
/// @notice Holds the collateral token. Anyone deposits into an ordered queue; the operator posts
/// settlement batches, each with a proof (checked on-chain) that it applies the exchange's rules to
/// the state root the bridge holds, consuming the queue's next deposits in order (crediting or
/// refunding each) and paying out signed withdrawals. Withdrawals and refunds are credited to their
/// recipients, who claim them (pull, not push). Roles and governance: BridgeRoles, docs/trust.md;
/// the whole contract: docs/bridge.md.
contract SettlementBridge is BridgeRoles, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SettlementData for SettlementData.Layout;

    /// @notice Account indices are below 2^24 (the account tree's depth).
    uint256 public constant ACCOUNT_LIMIT = 1 << 24;
    /// @notice A deposit's amount is in [1, 2^63): collateral is a signed 64-bit integer.
    uint256 public constant AMOUNT_LIMIT = 1 << 63;

    /// @notice The collateral token; its base unit is the exchange's collateral unit.
    IERC20 public immutable token;

    // One storage slot, read by every submission: the verifier and where things are in its
    // circuit's public data.
    /// @notice The gnark-exported verifier of the settlement circuit.
    ISettlementVerifier public verifier;
    uint8 internal depositSlots;
    uint16 internal withdrawalSlots;
    uint16 internal marketRows;

    /// @notice The state root after the last accepted batch.
    uint256 public stateRoot;

    // One storage slot: where the batches and the deposit queue stand.
    /// @notice Number of accepted batches; batch numbers start at 1.
    uint64 public batchCount;
    /// @notice The last accepted batch's time (0 before the first).
    uint64 public lastBatchTime;
    /// @notice Number of deposits the accepted batches consumed (credited or refunded).
    uint64 public depositsConsumed;
    /// @notice Number of deposits ever queued.
    uint64 public depositsQueued;

    /// @notice depositChain(i): the queue's running hash over its first i deposits (DepositChain);
    /// depositChain(0) is 0.
    mapping(uint256 => bytes32) public depositChain;
    /// @notice What each address can claim: credited withdrawals and refunds not yet claimed.
    mapping(address => uint256) public claimable;

    /// @notice A deposit joined the queue at `index` (0-based): the record a batch must consume,
    /// in this order, is (account, amount, sender, key).
    event DepositQueued(
        uint256 indexed index,
        uint256 indexed account,
        address indexed sender,
        uint256 amount,
        uint256 keyX,
        uint256 keyY
    );
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
    /// @notice A batch paid a signed withdrawal: `recipient` can claim `amount` more.
    event WithdrawalCredited(
        uint256 indexed batchNumber, address indexed recipient, uint256 amount
    );
    /// @notice A batch refused the deposit at queue index `index`: its sender can claim it back.
    event DepositRefunded(uint256 indexed index, address indexed sender, uint256 amount);
    /// @notice `amount` was paid to `recipient`, everything it had to claim.
    event Claimed(address indexed recipient, uint256 amount);
    /// @notice Governance replaced the verifier (and with it the circuit's capacities).
    event VerifierChanged(
        address indexed previous,
        address indexed next,
        bytes32 verifyingKeyHash,
        uint256 depositSlots,
        uint256 withdrawalSlots,
        uint256 marketRows
    );

    /// The public data does not have the length the circuit's capacities give.
    error WrongPublicDataLength(uint256 expected, uint256 given);
    /// The batch was proven for another chain.
    error WrongChainId(uint256 expected, uint256 given);
    /// The batch was proven for another bridge.
    error WrongBridge(address expected, uint256 given);
    /// The batch is not the next one.
    error WrongBatchNumber(uint256 expected, uint256 given);
    /// The batch's time is after the block's.
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
    /// The commitment is not below r.
    error CommitmentNotInField(uint256 commitment);
    /// The genesis root is not below r: no batch could ever follow it.
    error GenesisRootNotInField(uint256 root);
    /// Capacities no settlement circuit has (deposit slots 1..248, at least one withdrawal slot).
    error LayoutOutOfRange(uint256 depositSlots, uint256 withdrawalSlots, uint256 marketRows);
    /// An account index not below ACCOUNT_LIMIT.
    error AccountOutOfRange(uint256 account);
    /// A deposit amount outside [1, AMOUNT_LIMIT).
    error AmountOutOfRange(uint256 amount);
    /// A key coordinate not below r.
    error KeyNotInField(uint256 keyX, uint256 keyY);
    /// The bridge received another amount than the deposit's (a token with transfer fees).
    error TokenAmountMismatch(uint256 expected, uint256 received);
    /// The address has nothing to claim.
    error NothingToClaim(address recipient);

    /// @param token_ the collateral token (a plain ERC-20: no transfer fees, no rebasing)
    /// @param verifier_ the settlement circuit's verifier
    /// @param layout_ its circuit's capacities (deposit slots, withdrawal slots, market rows)
    /// @param operator_ who submits batches
    /// @param governance_ the timelock (delay at least MIN_UPGRADE_DELAY) that changes the rules
    /// @param guardian_ who can pause batches
    /// @param genesisRoot the state root before the first batch (below r)
    /// @param verifyGas_ gas forwarded to the verifier
    constructor(
        IERC20 token_,
        ISettlementVerifier verifier_,
        SettlementData.Layout memory layout_,
        address operator_,
        TimelockController governance_,
        address guardian_,
        uint256 genesisRoot,
        uint64 verifyGas_
    ) BridgeRoles(operator_, governance_, guardian_, verifyGas_) {
        requireContract(address(token_));
        if (genesisRoot >= PublicData.R) revert GenesisRootNotInField(genesisRoot);
        token = token_;
        stateRoot = genesisRoot;
        install(verifier_, layout_);
    }

    /// @notice Locks `amount` of the collateral token, pulled from the caller (approve it first),
    /// and appends the record (account, amount, sender = caller, key) to the deposit queue. A later
    /// batch consumes it in queue order: it credits the account, which must be under `key` (a
    /// deposit creates the account with that key if it is new), or refunds the amount to the
    /// caller (claim()). Not stopped by a pause.
    /// @param account the account index, below ACCOUNT_LIMIT
    /// @param keyX the account's EdDSA key, x (below r)
    /// @param keyY the account's EdDSA key, y (below r)
    /// @param amount in token base units, in [1, AMOUNT_LIMIT)
    /// @return index the deposit's position in the queue (0-based)
    function deposit(uint256 account, uint256 keyX, uint256 keyY, uint256 amount)
        external
        nonReentrant
        returns (uint256 index)
    {
        if (account >= ACCOUNT_LIMIT) revert AccountOutOfRange(account);
        if (amount == 0 || amount >= AMOUNT_LIMIT) revert AmountOutOfRange(amount);
        if (keyX >= PublicData.R || keyY >= PublicData.R) revert KeyNotInField(keyX, keyY);
        index = depositsQueued;
        uint256 record = SettlementData.depositRecord(account, amount, msg.sender);
        depositChain[index + 1] = DepositChain.link(depositChain[index], record, keyX, keyY);
        depositsQueued = (index + 1).toUint64();
        emit DepositQueued(index, account, msg.sender, amount, keyX, keyY);

        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert TokenAmountMismatch(amount, received);
    }

    /// @notice Operator only, not while paused: accepts a settlement batch. Checks the header of
    /// its public data against the bridge (chain id, this bridge, the next batch number, a time
    /// neither in the future nor before the last batch's, the current root, the queue's first
    /// unconsumed deposit, and that its deposit records are the queue's next ones), verifies the
    /// proof for the public inputs derived from publicData and commitment (PublicData.sol), then
    /// stores the new root and credits the batch's refunds and withdrawals.
    /// @param publicData the batch's public data d (docs/settlement.md), every element below r
    /// @param commitment the circuit's commitment c = Poseidon2(TAG_PUBDATA, d)
    /// @param proof the Groth16 proof in the verifier's calldata encoding (256 bytes)
    function submitBatch(uint256[] calldata publicData, uint256 commitment, bytes calldata proof)
        external
    {
        requireSubmitter();
        SettlementData.Layout memory l = layout();
        uint256 expectedLength = l.length();
        if (publicData.length != expectedLength) {
            revert WrongPublicDataLength(expectedLength, publicData.length);
        }
        uint256 batchNumber = checkHeader(publicData);
        uint256 consumed = checkDeposits(publicData, l.depositSlots);
        verifyProof(publicData, commitment, proof);
        accept(publicData, l, batchNumber, consumed);
    }

    /// @notice Pays `recipient` everything it can claim (its credited withdrawals and refunds).
    /// Anyone may call it: the tokens go to the recipient only. Not stopped by a pause.
    /// @param recipient who is paid
    /// @return amount what was paid
    function claim(address recipient) external nonReentrant returns (uint256 amount) {
        amount = claimable[recipient];
        if (amount == 0) revert NothingToClaim(recipient);
        claimable[recipient] = 0;
        emit Claimed(recipient, amount);
        token.safeTransfer(recipient, amount);
    }

    /// @notice The hash of the verifying key the bridge checks proofs with; a node compares it
    /// with its own keys before posting.
    function verifyingKeyHash() external view returns (bytes32) {
        return verifier.verifyingKeyHash();
    }

    /// @notice The capacities of the circuit the verifier checks: where things are in the public
    /// data, which has layout().length() elements.
    function layout() public view returns (SettlementData.Layout memory) {
        return SettlementData.Layout(depositSlots, withdrawalSlots, marketRows);
    }

    /// @notice Governance only (after the timelock's delay): the verifier of a new circuit version
    /// and that circuit's capacities.
    /// @param next the new verifier (must answer verifyingKeyHash())
    /// @param nextLayout its circuit's capacities
    function setVerifier(ISettlementVerifier next, SettlementData.Layout calldata nextLayout)
        external
        onlyGovernance
    {
        install(next, nextLayout);
    }

    /// Puts a verifier and its circuit's capacities in force together (the capacities say how to
    /// read the public data the verifier's proofs are about).
    function install(ISettlementVerifier next, SettlementData.Layout memory l) internal {
        requireContract(address(next));
        if (
            l.depositSlots == 0 || l.depositSlots > SettlementData.MAX_DEPOSIT_SLOTS
                || l.withdrawalSlots == 0
        ) revert LayoutOutOfRange(l.depositSlots, l.withdrawalSlots, l.marketRows);
        emit VerifierChanged(
            address(verifier),
            address(next),
            next.verifyingKeyHash(),
            l.depositSlots,
            l.withdrawalSlots,
            l.marketRows
        );
        verifier = next;
        depositSlots = l.depositSlots.toUint8();
        withdrawalSlots = l.withdrawalSlots.toUint16();
        marketRows = l.marketRows.toUint16();
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
        // move by as much when a batch can be posted.
        // forge-lint: disable-next-line(block-timestamp)
        if (time > block.timestamp) revert BatchTimeInFuture(time, block.timestamp);
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
        bytes32 chain = DepositChain.extend(depositChain[start], d, SettlementData.HEADER, count);
        if (chain != depositChain[end]) revert DepositRecordsMismatch(start, count);
        return end;
    }

    /// Verifies the proof for the public inputs (c, z, y): the challenge z and evaluation y are
    /// derived from the calldata's d and c (PublicData), so the proof holds only for this d.
    function verifyProof(uint256[] calldata d, uint256 c, bytes calldata proof) internal view {
        if (c >= PublicData.R) revert CommitmentNotInField(c);
        uint256 z = PublicData.challenge(c, d);
        uint256[3] memory input = [c, z, PublicData.evaluate(d, z)];
        uint256 gas = gasForVerifier();
        // Any failure inside the verifier, including running out of gas, rejects the batch.
        try verifier.verifyProof{gas: gas}(proof, input) {}
        catch {
            revert InvalidProof();
        }
    }

    /// Stores the accepted batch's root and progress, credits its refunds and withdrawals.
    function accept(
        uint256[] calldata d,
        SettlementData.Layout memory l,
        uint256 batchNumber,
        uint256 consumed
    ) internal {
        uint256 batchTime = d[SettlementData.BATCH_TIME];
        stateRoot = d[SettlementData.NEW_ROOT];
        batchCount = batchNumber.toUint64();
        lastBatchTime = batchTime.toUint64();
        depositsConsumed = consumed.toUint64();
        creditRefunds(d, l);
        creditWithdrawals(d, l, batchNumber);
        uint256 markets = l.marketsAt();
        emit BatchSubmitted(
            batchNumber,
            d[SettlementData.OLD_ROOT],
            d[SettlementData.NEW_ROOT],
            batchTime,
            consumed,
            d[markets:markets + l.marketRows]
        );
    }

    /// Credits each refunded deposit's amount to its sender.
    function creditRefunds(uint256[] calldata d, SettlementData.Layout memory l) internal {
        uint256 bits = d[l.refundBitsAt()];
        uint256 count = d[SettlementData.DEPOSIT_COUNT];
        uint256 start = d[SettlementData.DEPOSIT_START];
        for (uint256 i = 0; bits != 0 && i < count; i++) {
            if (bits & 1 == 1) {
                uint256 record = d[SettlementData.HEADER + 3 * i];
                address sender = SettlementData.depositSender(record);
                uint256 amount = SettlementData.depositAmount(record);
                claimable[sender] += amount;
                emit DepositRefunded(start + i, sender, amount);
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
}
