// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {AcceptingVerifier} from "./SyntheticBatches.sol";
import {FrozenChain} from "./Exit.t.sol";
import {SettlementFixture as F} from "./fixtures/SettlementFixture.sol";

/// Issue 13: a pause stops new batches and nothing else, and a scheduled (pending) upgrade changes
/// nothing until it executes. Here, with real proofs, every way out keeps working in both cases:
/// claims of credited withdrawals, forced withdrawal requests, the freeze, exits and refunds of
/// pending deposits.
contract ExitsDuringPauseAndUpgradeTest is FrozenChain {
    /// Claims everything the fixture's batches and both exits credited; checks each payment.
    function claimEverything() internal {
        for (uint256 n = 1; n <= F.BATCHES; n++) {
            F.Batch memory b = F.batch(n);
            for (uint256 i = 0; i < b.withdrawals.length; i++) {
                claimAll(b.withdrawals[i].to);
            }
            for (uint256 i = 0; i < b.refunds.length; i++) {
                claimAll(b.refunds[i].to);
            }
        }
        claimAll(LATE);
        assertEq(bridge.claimable(LATE), 0);
    }

    function claimAll(address to) internal {
        uint256 owed = bridge.claimable(to);
        if (owed == 0) return;
        uint256 before = token.balanceOf(to);
        bridge.claim(to);
        assertEq(token.balanceOf(to), before + owed);
    }

    /// Every exit of the fixture and the pending deposit's refund, each credited as proven.
    function exitEverything() internal {
        F.Exit[] memory exits = F.exits();
        for (uint256 i = 0; i < exits.length; i++) {
            uint256 before = bridge.claimable(exits[i].recipient);
            exitWith(exits[i]);
            assertEq(bridge.claimable(exits[i].recipient), before + exits[i].amount);
        }
        bridge.refundPendingDeposit(pendingIndex, D.depositRecord(77, 3e6, LATE), 1, 2);
    }

    /// Paused before the request: the request, the freeze, the exits, the refund and the claims
    /// all go through, and the pause still stops batches.
    function test_everyWayOutWorksWhileBatchesArePaused() public {
        vm.prank(GUARDIAN);
        bridge.pause();
        freezeNow();
        exitEverything();
        claimEverything();
        assertTrue(bridge.paused());
        F.Batch memory b = F.batch(3);
        vm.expectRevert(SettlementCustody.BridgeFrozen.selector);
        submit(b.publicData, b.commitment, b.proof);
    }

    /// A new settlement verifier, a new exit verifier and a new operator all scheduled: until they
    /// execute, the current exit verifier checks the exits and nothing else changes.
    function test_everyWayOutWorksWhileAnUpgradeIsPending() public {
        AcceptingVerifier next = new AcceptingVerifier();
        bytes[] memory calls = new bytes[](3);
        calls[0] =
            abi.encodeCall(SettlementBridge.setVerifier, (next, D.Layout(4, 3, 2, 0, 1, 4, false)));
        calls[1] = abi.encodeCall(SettlementCustody.setExitVerifier, (next));
        calls[2] = abi.encodeCall(BridgeRoles.setOperator, (address(0x0E1)));
        bytes32[] memory ids = new bytes32[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            vm.prank(PROPOSER);
            timelock.schedule(address(bridge), 0, calls[i], bytes32(0), bytes32(0), DELAY);
            ids[i] = timelock.hashOperation(address(bridge), 0, calls[i], bytes32(0), bytes32(0));
        }
        claimEverything(); // credited withdrawals and refunds, before any freeze
        vm.warp(block.timestamp + DELAY / 2);
        freezeNow();
        exitEverything();
        claimEverything();
        for (uint256 i = 0; i < ids.length; i++) {
            assertTrue(timelock.isOperationPending(ids[i]));
            assertFalse(timelock.isOperationReady(ids[i]));
        }
        assertEq(address(bridge.exitVerifier()), address(exitVerifier));
        assertEq(address(bridge.verifier()), address(verifier));
        assertEq(bridge.operator(), OPERATOR);
    }

    /// Batches proven with the current keys are accepted while the upgrade is pending; traders
    /// who disagree register their requests meanwhile, and if the operator does not serve them,
    /// they freeze the bridge before the upgrade can take effect.
    function test_tradersCanLeaveBeforeAPendingUpgradeTakesEffect() public {
        AcceptingVerifier malicious = new AcceptingVerifier();
        bytes memory call = abi.encodeCall(SettlementCustody.setExitVerifier, (malicious));
        vm.prank(PROPOSER);
        timelock.schedule(address(bridge), 0, call, bytes32(0), bytes32(0), DELAY);
        assertLt(EXIT_DEADLINE, DELAY);
        freezeNow();
        exitEverything();
        vm.warp(block.timestamp + DELAY);
        vm.prank(PROPOSER);
        timelock.execute(address(bridge), 0, call, bytes32(0), bytes32(0));
        // The exits were paid with the keys in force; an exit paid once is never paid again.
        F.Exit memory e = F.exits()[0];
        vm.expectRevert(abi.encodeWithSelector(SettlementCustody.AlreadyExited.selector, e.account));
        exitWith(e);
    }
}
