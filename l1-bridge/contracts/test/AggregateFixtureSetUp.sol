// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {TestCollateral} from "../src/devnet/TestCollateral.sol";
import {BridgeActors} from "./SettlementSetUp.sol";
import {AcceptingVerifier} from "./SyntheticBatches.sol";
import {AggregateFixture as A} from "./fixtures/AggregateFixture.sol";
import {AggregateInnerVerifier} from "./fixtures/AggregateInnerVerifier.sol";
import {AggregateVerifier} from "./fixtures/AggregateVerifier.sol";

/// agg15's real aggregate fixture (`scripts/gen-fixtures.sh -only aggregate`): the fixture chain's
/// batches, each proven by the Tiny settlement circuit under the inner keys the aggregate circuit
/// holds (AggregateInnerVerifier), and one aggregate proof of batches 1 and 2 (AggregateVerifier,
/// k = 2). The bridge is deployed at the fixture's address with the inner circuit's verifier as its
/// settlement verifier, the aggregate verifier installed by governance, the deposits queued.
abstract contract AggregateFixtureSetUp is BridgeActors {
    SettlementBridge internal bridge;

    function setUp() public virtual {
        TestCollateral token = new TestCollateral();
        IVerifier inner = IVerifier(address(new AggregateInnerVerifier()));
        IVerifier exits = new AcceptingVerifier();
        D.Layout memory l =
            D.Layout(A.DEPOSIT_SLOTS, A.WITHDRAWAL_SLOTS, A.MARKET_ROWS, 0, 0, 0, false);
        TimelockController timelock = newTimelock();
        vm.prank(A.DEPLOYER);
        bridge = new SettlementBridge(
            IERC20(address(token)),
            inner,
            l,
            exits,
            EXIT_DEADLINE,
            OPERATOR,
            timelock,
            GUARDIAN,
            A.GENESIS_ROOT,
            GENESIS_MARKETS,
            VERIFY_GAS
        );
        assertEq(address(bridge), A.BRIDGE, "the fixture is signed for another bridge address");
        IVerifier aggregate = IVerifier(address(new AggregateVerifier()));
        vm.prank(address(bridge.governance()));
        bridge.setAggregateVerifier(aggregate, A.K);
        for (uint256 i = 0; i < A.deposits().length; i++) {
            A.Deposit memory d = A.deposits()[i];
            depositAs(bridge, d.sender, d.account, d.keyX, d.keyY, d.amount);
        }
        vm.warp(NOW);
    }
}
