// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {console} from "forge-std/Test.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {BridgeActors, SettlementSetUp} from "./SettlementSetUp.sol";
import {SyntheticBatches} from "./SyntheticBatches.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// Transaction gas as L1 charges it, before refunds (EIP-3529): every test here runs isolated
/// (each top-level call a transaction of its own, with cold accounts and storage and its intrinsic
/// 21,000 + calldata), so the figures match receipts on anvil (SettlementBridgeOnAnvilTest).
abstract contract TransactionGas is BridgeActors {
    /// Calls `target` as `from` with `data`; returns the transaction's gas.
    function transact(address target, address from, bytes memory data) internal returns (uint256) {
        vm.prank(from);
        (bool ok, bytes memory reason) = target.call(data);
        if (!ok) {
            assembly {
                revert(add(reason, 32), mload(reason))
            }
        }
        return vm.lastCallGas().gasTotalUsed;
    }

    /// Logs a figure and keeps it in snapshots/<test contract>.json (checked in CI).
    function record(string memory name, uint256 value) internal {
        console.log(name, value);
        vm.snapshotValue(name, value);
    }
}

/// Real batches of the fixture: the transaction gas of each, and of a deposit.
/// forge-config: default.isolate = true
contract SettlementGasTest is SettlementSetUp, TransactionGas {
    function setUp() public override {
        super.setUp();
        token.mint(address(bridge), 1); // the bridge's balance is never empty but at the start
    }

    function depositData(uint256 i) internal pure returns (bytes memory) {
        F.Deposit memory d = F.deposits()[i];
        return abi.encodeCall(SettlementCustody.deposit, (d.account, d.keyX, d.keyY, d.amount));
    }

    /// A deposit behind others in the queue, from a holder who keeps a balance and approved the
    /// bridge once for all (an infinite allowance is not spent down).
    function test_gasOfADeposit() public {
        queue(0);
        F.Deposit memory d = F.deposits()[1];
        token.mint(d.sender, d.amount + 1);
        vm.prank(d.sender);
        token.approve(address(bridge), type(uint256).max);
        record("deposit (transaction)", transact(address(bridge), d.sender, depositData(1)));
    }

    /// Each of the chain's batches (Tiny capacities: 17 elements of public data).
    function test_gasOfTheFixturesBatches() public {
        queueAll();
        string[3] memory names = [
            "batch 1: 2 deposits credited (transaction)",
            "batch 2: 1 refund, 1 withdrawal, 1 trade (transaction)",
            "batch 3: 1 deposit, 1 withdrawal (transaction)"
        ];
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            F.Batch memory b = F.batch(n);
            bytes memory data =
                abi.encodeCall(SettlementBridge.submitBatch, (b.publicData, b.commitment, b.proof));
            record(names[n - 1], transact(address(bridge), OPERATOR, data));
        }
    }
}

/// Marginal costs, on the accepting verifier (which costs the same whatever the batch): one more
/// deposit consumed, withdrawal credited, refund, or element of public data.
/// forge-config: default.isolate = true
contract SettlementMarginalGasTest is SyntheticBatches, TransactionGas {
    uint256 internal constant SLOTS = 41;

    function setUp() public {
        deploySynthetic(D.Layout(40, SLOTS, SLOTS, 0, 0, 0));
        for (uint256 i = 0; i < 40; i++) {
            queueRecord(recordOf(i));
        }
    }

    function recordOf(uint256 i) internal pure returns (Record memory) {
        uint256 h = uint256(keccak256(abi.encode(i)));
        return Record(
            vm.addr(1 + h % 2 ** 128),
            i + 1,
            h >> 3,
            uint256(keccak256(abi.encode(h))) >> 3,
            1e6 + i
        );
    }

    /// Gas of a batch with public data d.
    function batchGas(uint256[] memory d) internal returns (uint256) {
        bytes memory data = abi.encodeCall(SettlementBridge.submitBatch, (d, 0, new bytes(256)));
        return transact(address(bridge), OPERATOR, data);
    }

    function consuming(uint256 k, bool refunded) internal view returns (uint256[] memory d) {
        d = nextBatch();
        d[D.DEPOSIT_COUNT] = k;
        for (uint256 i = 0; i < k; i++) {
            putDeposit(d, i, recordOf(i));
        }
        if (refunded) setRefundBits(d, 2 ** k - 1);
    }

    function paying(uint256 n, uint256 offset) internal view returns (uint256[] memory d) {
        d = nextBatch();
        for (uint256 j = 0; j < n; j++) {
            putWithdrawal(d, j, vm.addr(0xA000 + offset + j), 1e6);
        }
    }

    /// The difference of two batches' gas, per unit, each measured from the same state.
    function marginal(uint256[] memory one, uint256[] memory many, uint256 units)
        internal
        returns (uint256)
    {
        uint256 snap = vm.snapshotState();
        uint256 low = batchGas(one);
        vm.revertToState(snap);
        uint256 high = batchGas(many);
        vm.revertToState(snap);
        return (high - low) / units;
    }

    function test_marginalGas() public {
        record("per deposit consumed", marginal(consuming(1, false), consuming(31, false), 30));
        record(
            "per deposit refunded (fresh sender), on top",
            marginal(consuming(31, false), consuming(31, true), 31)
        );
        record("per withdrawal (fresh recipient)", marginal(paying(1, 0), paying(31, 0), 30));
        // Recipients that already have an unclaimed credit.
        submitSynthetic(paying(31, 0));
        record(
            "per withdrawal (recipient already credited)", marginal(paying(1, 0), paying(31, 0), 30)
        );
    }

    /// Gas of an empty batch (nothing consumed, nothing paid) on a bridge of layout l, with its
    /// market rows all in use.
    function emptyBatchGas(D.Layout memory l) internal returns (uint256) {
        deploySynthetic(l);
        uint256[] memory d = nextBatch();
        for (uint256 m = 0; m < l.marketRows; m++) {
            d[D.marketsAt(l) + m] = uint256(keccak256(abi.encode(m))) >> 3;
        }
        return batchGas(d);
    }

    /// One more element of public data: an unused slot (a zero element: calldata and the binding)
    /// and a market row in use (a full element, also emitted in BatchSubmitted).
    function test_gasPerElement() public {
        uint256 tiny = emptyBatchGas(D.Layout(1, 1, 1, 0, 0, 0));
        record(
            "per unused slot element (zero: calldata, binding)",
            (emptyBatchGas(D.Layout(1, 41, 1, 0, 0, 0)) - tiny) / 40
        );
        record(
            "per market row in use (calldata, binding, event)",
            (emptyBatchGas(D.Layout(1, 1, 41, 0, 0, 0)) - tiny) / 40
        );
    }
}
