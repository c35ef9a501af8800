// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {PublicData} from "../src/PublicData.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {TestCollateral} from "../src/devnet/TestCollateral.sol";
import {BridgeActors} from "./SettlementSetUp.sol";

/// Accepts every proof. It stands in for the circuit where a test is about the bridge's own
/// bookkeeping (queue order, credits, amounts) over data no fixture proof covers; every test of
/// the binding between data and proof uses the real verifier (Batch.t.sol).
contract AcceptingVerifier is IVerifier {
    function verifyProof(bytes calldata, uint256[3] calldata) external pure {}

    function verifyingKeyHash() external pure returns (bytes32) {
        return keccak256("accepting verifier");
    }
}

/// Accepts exactly the (proof, public inputs) pairs registered with it: a stand-in for a sound
/// circuit whose proofs exist for honest data only, so that a test shows which verifier a call
/// reached and that the bridge derived the public inputs of the whole data it was given.
contract RegisteredProofsVerifier is IVerifier {
    error NotRegistered(bytes32 key);

    mapping(bytes32 => bool) public registered;
    string internal name;

    constructor(string memory name_) {
        name = name_;
    }

    function register(bytes calldata proof, uint256[3] calldata input) external {
        registered[keccak256(abi.encode(proof, input))] = true;
    }

    function verifyProof(bytes calldata proof, uint256[3] calldata input) external view {
        bytes32 key = keccak256(abi.encode(proof, input));
        if (!registered[key]) revert NotRegistered(key);
    }

    function verifyingKeyHash() external view returns (bytes32) {
        return keccak256(bytes(name));
    }
}

/// The public inputs a proof for data d and commitment c is checked for, computed apart from
/// PublicData.sol: z = keccak256(c || d) mod r, y = sum d_i z^i mod r.
library ProofInputs {
    function forData(uint256 c, uint256[] memory d) internal pure returns (uint256[3] memory) {
        uint256 r = PublicData.R;
        uint256 z = uint256(keccak256(abi.encodePacked(c, d))) % r;
        uint256 y = 0;
        uint256 power = 1;
        for (uint256 i = 0; i < d.length; i++) {
            y = addmod(y, mulmod(d[i], power, r), r);
            power = mulmod(power, z, r);
        }
        return [c, z, y];
    }
}

/// A bridge on the accepting verifier and batches made up to its layout.
abstract contract SyntheticBatches is BridgeActors {
    SettlementBridge internal bridge;
    TestCollateral internal token;
    D.Layout internal shape;

    struct Record {
        address sender;
        uint256 account;
        uint256 keyX;
        uint256 keyY;
        uint256 amount;
    }

    /// A forced withdrawal request as forceWithdrawal takes it.
    struct Request {
        uint256 account;
        uint256 nonce;
        uint256 maxAmount;
        address recipient;
        uint256 rX;
        uint256 rY;
        uint256 s;
    }

    function deploySynthetic(D.Layout memory l) internal {
        token = new TestCollateral();
        shape = l;
        bridge = new SettlementBridge(
            IERC20(address(token)),
            new AcceptingVerifier(),
            l,
            new AcceptingVerifier(),
            EXIT_DEADLINE,
            OPERATOR,
            newTimelock(),
            GUARDIAN,
            1,
            GENESIS_MARKETS,
            VERIFY_GAS
        );
        vm.warp(NOW);
    }

    function queueRecord(Record memory r) internal {
        depositAs(bridge, r.sender, r.account, r.keyX, r.keyY, r.amount);
    }

    /// The next batch's public data: its header filled in, consuming no deposit, paying nothing.
    function nextBatch() internal view returns (uint256[] memory d) {
        d = new uint256[](D.length(shape));
        d[D.CHAIN_ID] = block.chainid;
        d[D.CONTRACT] = uint160(address(bridge));
        d[D.BATCH_NUMBER] = bridge.batchCount() + 1;
        d[D.BATCH_TIME] = block.timestamp;
        d[D.OLD_ROOT] = bridge.stateRoot();
        d[D.NEW_ROOT] = bridge.stateRoot() + 1;
        d[D.DEPOSIT_START] = bridge.depositsConsumed();
        if (shape.requestSlots > 0) d[D.requestsAt(shape)] = bridge.requestsServed();
    }

    /// An empty batch (nothing consumed, nothing paid) for layout l, with its market rows all in
    /// use (markets 0, 1, ...; `salt` varies their contents) and every owner-data element full, as
    /// a batch that changes every account row has it.
    function fullBatch(D.Layout memory l, uint256 salt) internal view returns (uint256[] memory d) {
        d = nextBatch();
        for (uint256 m = 0; m < l.marketRows; m++) {
            d[D.marketsAt(l) + m] = uint256(keccak256(abi.encode(m, salt))) >> 12 << 8 | m;
        }
        if (l.accountRows == 0) return d;
        for (uint256 i = D.ownerDataAt(l); i < d.length; i++) {
            d[i] = uint256(keccak256(abi.encode(i, salt))) >> 3;
        }
    }

    /// Lists r in deposit slot i (the caller sets the count).
    function putDeposit(uint256[] memory d, uint256 i, Record memory r) internal pure {
        d[D.HEADER + 3 * i] = D.depositRecord(r.account, r.amount, r.sender);
        d[D.HEADER + 3 * i + 1] = r.keyX;
        d[D.HEADER + 3 * i + 2] = r.keyY;
    }

    function putWithdrawal(uint256[] memory d, uint256 j, address to, uint256 amount)
        internal
        view
    {
        d[D.withdrawalsAt(shape) + j] = uint256(uint160(to)) | amount << 160;
    }

    function setRefundBits(uint256[] memory d, uint256 bits) internal view {
        d[D.refundBitsAt(shape)] = bits;
    }

    /// Registers r (anyone may: here a passer-by).
    function register(Request memory r) internal returns (uint256) {
        vm.prank(address(0xBEEF));
        return bridge.forceWithdrawal(r.account, r.nonce, r.maxAmount, r.recipient, r.rX, r.rY, r.s);
    }

    /// Sets the request section's start (the bridge's next unserved request) and count.
    function serving(uint256[] memory d, uint256 count) internal view {
        d[D.requestsAt(shape)] = bridge.requestsServed();
        d[D.requestsAt(shape) + 1] = count;
    }

    /// Lists r in request slot i, paid `paid`.
    function putRequest(uint256[] memory d, uint256 i, Request memory r, uint256 paid)
        internal
        view
    {
        uint256 at = D.requestsAt(shape) + 2 + D.REQUEST_WIDTH * i;
        d[at] = D.requestWord(r.account, r.nonce, r.maxAmount);
        d[at + 1] = uint160(r.recipient);
        d[at + 2] = r.rX;
        d[at + 3] = r.rY;
        d[at + 4] = r.s;
        d[D.requestPaymentsAt(shape) + i] = paid;
    }

    function submitSynthetic(uint256[] memory d) internal {
        vm.prank(OPERATOR);
        bridge.submitBatch(d, 0, "");
    }
}
