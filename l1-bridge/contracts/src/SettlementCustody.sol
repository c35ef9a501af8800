// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {BridgeRoles} from "./BridgeRoles.sol";
import {ExitData} from "./ExitData.sol";
import {IVerifier} from "./IVerifier.sol";
import {PublicData} from "./PublicData.sol";
import {RecordChain} from "./RecordChain.sol";
import {SettlementData} from "./SettlementData.sol";

/// @title The collateral, the queues traders fill, their credits, and every way out that needs no
/// operator
/// @notice What traders do on the settlement bridge by themselves: deposit into the ordered queue,
/// claim what batches credited them, register a forced withdrawal request the operator must serve
/// within `exitDeadline`, freeze the bridge when a request is overdue, and on a frozen bridge exit
/// with a proof of their equity under the last accepted root (paid once per account) or take back
/// a deposit no batch consumed. No function here checks `paused`: a pause stops batches only.
/// The batches that serve the queues are SettlementBridge's. docs/bridge.md describes both.
abstract contract SettlementCustody is BridgeRoles, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using BitMaps for BitMaps.BitMap;

    /// @notice Account indices are below 2^24 (the account tree's depth).
    uint256 public constant ACCOUNT_LIMIT = 1 << 24;
    /// @notice Amounts are in [1, 2^63): collateral is a signed 64-bit integer.
    uint256 public constant AMOUNT_LIMIT = 1 << 63;
    /// @notice An account's withdrawal nonce is below 2^63.
    uint256 public constant NONCE_LIMIT = 1 << 63;
    /// The order l of the Edwards curve's prime subgroup: an EdDSA S is below it.
    uint256 internal constant SUBGROUP_ORDER =
        2736030358979909402780800718157159386076813972158567259200215660948447373041;

    /// @notice The collateral token; its base unit is the exchange's collateral unit.
    IERC20 public immutable token;
    /// @notice Seconds the operator has to serve a forced withdrawal request before anyone may
    /// freeze the bridge.
    uint256 public immutable exitDeadline;

    /// @notice The state root after the last accepted batch.
    uint256 public stateRoot;

    // One storage slot, read by every submission and deposit: where the batches and the deposit
    // queue stand, and the freeze.
    /// @notice Number of accepted batches; batch numbers start at 1.
    uint64 public batchCount;
    /// @notice The last accepted batch's time (0 before the first).
    uint56 public lastBatchTime;
    /// @notice Number of deposits the accepted batches consumed (credited or refunded).
    uint64 public depositsConsumed;
    /// @notice Number of deposits ever queued.
    uint64 public depositsQueued;
    /// @notice Whether a request went unserved past the deadline: no batch, deposit or request is
    /// accepted any more, and accounts exit with proofs. Final.
    bool public frozen;

    // One storage slot: the request queue.
    /// @notice Number of forced withdrawal requests ever registered.
    uint64 public requestsQueued;
    /// @notice Number of requests the accepted batches served.
    uint64 public requestsServed;

    /// @notice The exit circuit's verifier.
    IVerifier public exitVerifier;

    /// @notice depositChain(i): the deposit queue's running hash over its first i deposits
    /// (RecordChain); depositChain(0) is 0.
    mapping(uint256 => bytes32) public depositChain;
    /// @notice What each address can claim: credited withdrawals, refunds and exits not yet claimed.
    mapping(address => uint256) public claimable;
    /// @notice requestChain(i): the request queue's running hash over its first i requests.
    mapping(uint256 => bytes32) public requestChain;
    /// @notice requestTime(i): the block time request i was registered at.
    mapping(uint256 => uint256) public requestTime;
    /// @notice marketRow(m): market m's row (mark, funding index, ...) from the last accepted batch
    /// that published it; exits value positions at it. 0 if no batch has.
    mapping(uint256 => uint256) public marketRow;
    // Accounts that exited; pending deposits refunded on the frozen bridge.
    BitMaps.BitMap internal exits;
    BitMaps.BitMap internal pendingRefunds;

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
    /// @notice The deposit at queue index `index` was refused by a batch, or never consumed before
    /// the freeze: its sender can claim it back.
    event DepositRefunded(uint256 indexed index, address indexed sender, uint256 amount);
    /// @notice `amount` was paid to `recipient`, everything it had to claim.
    event Claimed(address indexed recipient, uint256 amount);
    /// @notice A forced withdrawal request joined the queue at `index`: `account`'s owner asks
    /// for up to `maxAmount` to `recipient`, signed (R, S) with its withdrawal nonce `nonce`.
    event WithdrawalForced(
        uint256 indexed index,
        uint256 indexed account,
        address indexed recipient,
        uint256 nonce,
        uint256 maxAmount,
        uint256 rX,
        uint256 rY,
        uint256 s
    );
    /// @notice Batch `batchNumber` served request `index`, paying `amount` (0: refused, e.g. not
    /// signed by the owner, a stale nonce, or nothing the margin rule lets go).
    event ForcedWithdrawalServed(
        uint256 indexed index,
        uint256 indexed batchNumber,
        address indexed recipient,
        uint256 amount
    );
    /// @notice Request `overdue` went unserved past the deadline; `by` froze the bridge.
    event Frozen(uint256 overdue, address by);
    /// @notice `account` exited: `recipient` can claim `amount`, its equity under the last root.
    event Exited(uint256 indexed account, address indexed recipient, uint256 amount);
    /// @notice Governance replaced the exit verifier.
    event ExitVerifierChanged(
        address indexed previous, address indexed next, bytes32 verifyingKeyHash
    );

    /// The bridge is frozen: no batch, deposit or forced request any more.
    error BridgeFrozen();
    /// Only a frozen bridge pays exits and refunds unconsumed deposits.
    error NotFrozen();
    /// An account index not below ACCOUNT_LIMIT.
    error AccountOutOfRange(uint256 account);
    /// An amount outside [1, AMOUNT_LIMIT).
    error AmountOutOfRange(uint256 amount);
    /// A nonce not below NONCE_LIMIT.
    error NonceOutOfRange(uint256 nonce);
    /// A key coordinate not below r.
    error KeyNotInField(uint256 keyX, uint256 keyY);
    /// A signature with a coordinate of R not below r or S not below the subgroup order.
    error SignatureOutOfRange(uint256 rX, uint256 rY, uint256 s);
    /// A payment to address 0, or to a value that is no address.
    error RecipientOutOfRange(uint256 recipient);
    /// The bridge received another amount than the deposit's (a token with transfer fees).
    error TokenAmountMismatch(uint256 expected, uint256 received);
    /// The address has nothing to claim.
    error NothingToClaim(address recipient);
    /// Every registered request has been served.
    error NoPendingRequest();
    /// The oldest unserved request is not overdue before `deadline`.
    error RequestNotOverdue(uint256 index, uint256 deadline);
    /// The exit data does not have ExitData.LENGTH elements.
    error WrongExitDataLength(uint256 expected, uint256 given);
    /// The exit was proven for another chain.
    error WrongExitChainId(uint256 expected, uint256 given);
    /// The exit was proven for another bridge.
    error WrongExitBridge(address expected, uint256 given);
    /// The exit was proven against another root than the last accepted one.
    error WrongExitRoot(uint256 expected, uint256 given);
    /// The account has exited already.
    error AlreadyExited(uint256 account);
    /// Slot `slot` was valued at another market row than the one the bridge stores.
    error WrongMarketRow(uint256 slot, uint256 stored, uint256 given);
    /// The deposit at `index` is not waiting in the queue (consumed by a batch, or never queued).
    error DepositNotPending(uint256 index);
    /// The record given is not the deposit queued at `index`.
    error DepositRecordMismatch(uint256 index);
    /// The deposit at `index` was refunded already.
    error DepositAlreadyRefunded(uint256 index);
    /// A commitment not below r.
    error CommitmentNotInField(uint256 commitment);
    /// A deadline of 0 would let anyone freeze the bridge as soon as a request is registered.
    error ExitDeadlineZero();

    constructor(IERC20 token_, IVerifier exitVerifier_, uint256 exitDeadline_) {
        requireContract(address(token_));
        requireContract(address(exitVerifier_));
        if (exitDeadline_ == 0) revert ExitDeadlineZero();
        token = token_;
        exitDeadline = exitDeadline_;
        exitVerifier = exitVerifier_;
        emit ExitVerifierChanged(
            address(0), address(exitVerifier_), exitVerifier_.verifyingKeyHash()
        );
    }

    /// @notice Locks `amount` of the collateral token, pulled from the caller (approve it first),
    /// and appends the record (account, amount, sender = caller, key) to the deposit queue. A later
    /// batch consumes it in queue order: it credits the account, which must be under `key` (a
    /// deposit creates the account with that key if it is new), or refunds the amount to the
    /// caller (claim()). Not stopped by a pause; refused once frozen.
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
        requireNotFrozen();
        if (account >= ACCOUNT_LIMIT) revert AccountOutOfRange(account);
        if (amount == 0 || amount >= AMOUNT_LIMIT) revert AmountOutOfRange(amount);
        if (keyX >= PublicData.R || keyY >= PublicData.R) revert KeyNotInField(keyX, keyY);
        index = depositsQueued;
        uint256 record = SettlementData.depositRecord(account, amount, msg.sender);
        depositChain[index + 1] = RecordChain.linkDeposit(depositChain[index], record, keyX, keyY);
        depositsQueued = (index + 1).toUint64();
        emit DepositQueued(index, account, msg.sender, amount, keyX, keyY);

        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert TokenAmountMismatch(amount, received);
    }

    /// @notice Pays `recipient` everything it can claim (its credited withdrawals, refunds and
    /// exits). Anyone may call it: the tokens go to the recipient only. Never stopped.
    /// @param recipient who is paid
    /// @return amount what was paid
    function claim(address recipient) external nonReentrant returns (uint256 amount) {
        amount = claimable[recipient];
        if (amount == 0) revert NothingToClaim(recipient);
        claimable[recipient] = 0;
        emit Claimed(recipient, amount);
        token.safeTransfer(recipient, amount);
    }

    /// @notice Registers a forced withdrawal request: the operator must serve it (a batch lists it
    /// in queue order) within `exitDeadline`, or anyone may freeze the bridge. The batch pays
    /// `recipient` the least of `maxAmount` and what the account may withdraw under the margin
    /// rule (collateral after funding, and equity above the initial requirement), provided the
    /// account's owner signed H(TAG_FORCED, chainId, bridge, account + 2^24 nonce + 2^88
    /// maxAmount, recipient) and `nonce` is the account's withdrawal nonce; otherwise it pays 0.
    /// Anyone may send the owner's signed request. Not stopped by a pause; refused once frozen.
    /// @param account the account index, below ACCOUNT_LIMIT
    /// @param nonce the account's withdrawal nonce, below NONCE_LIMIT
    /// @param maxAmount the most to pay, in [1, AMOUNT_LIMIT)
    /// @param recipient who is paid (not 0)
    /// @param rX the signature's R, x (below r)
    /// @param rY the signature's R, y (below r)
    /// @param s the signature's S (below the subgroup order)
    /// @return index the request's position in the queue (0-based)
    function forceWithdrawal(
        uint256 account,
        uint256 nonce,
        uint256 maxAmount,
        address recipient,
        uint256 rX,
        uint256 rY,
        uint256 s
    ) external returns (uint256 index) {
        requireNotFrozen();
        if (account >= ACCOUNT_LIMIT) revert AccountOutOfRange(account);
        if (nonce >= NONCE_LIMIT) revert NonceOutOfRange(nonce);
        if (maxAmount == 0 || maxAmount >= AMOUNT_LIMIT) revert AmountOutOfRange(maxAmount);
        if (recipient == address(0)) revert RecipientOutOfRange(0);
        // Whatever the circuit assumes of a request must hold here: a request it could not serve
        // would let anyone freeze the bridge.
        if (rX >= PublicData.R || rY >= PublicData.R || s >= SUBGROUP_ORDER) {
            revert SignatureOutOfRange(rX, rY, s);
        }
        index = requestsQueued;
        uint256 word = SettlementData.requestWord(account, nonce, maxAmount);
        requestChain[index + 1] =
            RecordChain.linkRequest(requestChain[index], word, uint160(recipient), rX, rY, s);
        requestTime[index] = block.timestamp;
        requestsQueued = (index + 1).toUint64();
        emit WithdrawalForced(index, account, recipient, nonce, maxAmount, rX, rY, s);
    }

    /// @notice Freezes the bridge if the oldest unserved forced withdrawal request was registered
    /// more than `exitDeadline` ago. Anyone may call it, also while batches are paused.
    function freeze() external {
        requireNotFrozen();
        uint256 oldest = requestsServed;
        if (oldest == requestsQueued) revert NoPendingRequest();
        uint256 deadline = requestTime[oldest] + exitDeadline;
        // Deadlines are days in production: a proposer's few seconds of leeway do not matter.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= deadline) revert RequestNotOverdue(oldest, deadline);
        frozen = true;
        emit Frozen(oldest, msg.sender);
    }

    /// @notice On a frozen bridge: credits an account's equity under the last accepted root to the
    /// recipient its owner signed for, once per account, given a proof of the exit circuit for
    /// exit data d (ExitData) and its commitment. Anyone may send it. Not stopped by a pause.
    /// @param d the exit data: chain id, this bridge, stateRoot, account, recipient, amount, and
    /// per position slot the market row the bridge stores for the slot's market (0 if empty)
    /// @param commitment the circuit's commitment c = Poseidon2(TAG_EXIT_DATA, d)
    /// @param proof the Groth16 proof in the verifier's calldata encoding (256 bytes)
    function exit(uint256[] calldata d, uint256 commitment, bytes calldata proof) external {
        if (!frozen) revert NotFrozen();
        if (d.length != ExitData.LENGTH) revert WrongExitDataLength(ExitData.LENGTH, d.length);
        (uint256 account, address recipient, uint256 amount) = checkExit(d);
        verifyBound(exitVerifier, d, commitment, proof);
        exits.set(account);
        claimable[recipient] += amount;
        emit Exited(account, recipient, amount);
    }

    /// @notice On a frozen bridge: credits a deposit no batch consumed back to its sender, given
    /// its record as the deposit queue holds it. Anyone may send it; once per deposit.
    /// @param index the deposit's queue index, at or after depositsConsumed
    /// @param record account + 2^24 amount + 2^88 sender (SettlementData.depositRecord)
    /// @param keyX the key x the deposit named
    /// @param keyY the key y the deposit named
    function refundPendingDeposit(uint256 index, uint256 record, uint256 keyX, uint256 keyY)
        external
    {
        if (!frozen) revert NotFrozen();
        if (index < depositsConsumed || index >= depositsQueued) revert DepositNotPending(index);
        if (pendingRefunds.get(index)) revert DepositAlreadyRefunded(index);
        bytes32 link = RecordChain.linkDeposit(depositChain[index], record, keyX, keyY);
        if (link != depositChain[index + 1]) revert DepositRecordMismatch(index);
        pendingRefunds.set(index);
        credit(SettlementData.depositSender(record), SettlementData.depositAmount(record), index);
    }

    /// @notice Governance only (after the timelock's delay): the verifier of a new exit circuit.
    /// @param next the new exit verifier (must answer verifyingKeyHash())
    function setExitVerifier(IVerifier next) external onlyGovernance {
        requireContract(address(next));
        emit ExitVerifierChanged(address(exitVerifier), address(next), next.verifyingKeyHash());
        exitVerifier = next;
    }

    /// @notice Whether `account` has exited.
    function exited(uint256 account) public view returns (bool) {
        return exits.get(account);
    }

    /// @notice Whether the pending deposit at `index` was refunded on the frozen bridge.
    function pendingDepositRefunded(uint256 index) external view returns (bool) {
        return pendingRefunds.get(index);
    }

    /// Checks the exit data against the bridge; returns the account, recipient and amount.
    function checkExit(uint256[] calldata d)
        internal
        view
        returns (uint256 account, address recipient, uint256 amount)
    {
        if (d[ExitData.CHAIN_ID] != block.chainid) {
            revert WrongExitChainId(block.chainid, d[ExitData.CHAIN_ID]);
        }
        if (d[ExitData.CONTRACT] != uint256(uint160(address(this)))) {
            revert WrongExitBridge(address(this), d[ExitData.CONTRACT]);
        }
        if (d[ExitData.STATE_ROOT] != stateRoot) {
            revert WrongExitRoot(stateRoot, d[ExitData.STATE_ROOT]);
        }
        account = d[ExitData.ACCOUNT];
        if (account >= ACCOUNT_LIMIT) revert AccountOutOfRange(account);
        if (exited(account)) revert AlreadyExited(account);
        uint256 to = d[ExitData.RECIPIENT];
        if (to == 0 || to > type(uint160).max) revert RecipientOutOfRange(to);
        // The check above keeps `to` within 160 bits.
        // forge-lint: disable-next-line(unsafe-typecast)
        recipient = address(uint160(to));
        amount = d[ExitData.AMOUNT];
        if (amount == 0 || amount >= AMOUNT_LIMIT) revert AmountOutOfRange(amount);
        for (uint256 p = 0; p < ExitData.SLOTS; p++) {
            uint256 row = d[ExitData.ROWS + p];
            if (row == 0) continue;
            uint256 stored = marketRow[row & 0xff];
            if (row != stored) revert WrongMarketRow(p, stored, row);
        }
    }

    /// Verifies a proof for the public inputs (c, z, y) of data d: the challenge z and evaluation
    /// y are derived from the calldata's d and c (PublicData), so the proof holds only for this d.
    function verifyBound(IVerifier v, uint256[] calldata d, uint256 c, bytes calldata proof)
        internal
        view
    {
        if (c >= PublicData.R) revert CommitmentNotInField(c);
        uint256 z = PublicData.challenge(c, d);
        uint256[3] memory input = [c, z, PublicData.evaluate(d, z)];
        uint256 gas = gasForVerifier();
        // Any failure inside the verifier, including running out of gas, rejects the proof.
        try v.verifyProof{gas: gas}(proof, input) {}
        catch {
            revert InvalidProof();
        }
    }

    /// Credits a refunded deposit to its sender.
    function credit(address sender, uint256 amount, uint256 index) internal {
        claimable[sender] += amount;
        emit DepositRefunded(index, sender, amount);
    }

    function requireNotFrozen() internal view {
        if (frozen) revert BridgeFrozen();
    }
}
