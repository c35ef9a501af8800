// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {BridgeRoles} from "../src/BridgeRoles.sol";
import {IVerifier} from "../src/IVerifier.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {TestCollateral} from "../src/devnet/TestCollateral.sol";
import {ForcedVerifier} from "./fixtures/ForcedVerifier.sol";
import {ExitVerifier} from "./fixtures/ExitVerifier.sol";
import {ForcedFixture as F} from "./fixtures/ForcedFixture.sol";
import {BridgeActors} from "./SettlementSetUp.sol";

/// A real proof of a batch that serves a forced withdrawal request (circuits/cmd/fixtures, the
/// node's default and the demo's circuit, one request slot), accepted by the bridge with the real
/// verifier: the request is served before its deadline, its recipient is paid and the bridge
/// cannot be frozen by it. Every forgery of the request section is refused.
contract ForcedFixtureTest is BridgeActors {
    TestCollateral internal token;
    SettlementBridge internal bridge;

    function setUp() public {
        token = new TestCollateral();
        IVerifier verifier = IVerifier(address(new ForcedVerifier()));
        IVerifier exitVerifier = IVerifier(address(new ExitVerifier()));
        TimelockController timelock = newTimelock();
        vm.prank(F.DEPLOYER);
        bridge = new SettlementBridge(
            IERC20(address(token)),
            verifier,
            layout(),
            exitVerifier,
            EXIT_DEADLINE,
            OPERATOR,
            timelock,
            GUARDIAN,
            F.GENESIS_ROOT,
            GENESIS_MARKETS,
            VERIFY_GAS
        );
        assertEq(address(bridge), F.BRIDGE, "the fixture is signed for another bridge address");
        vm.warp(NOW);
        F.Deposit[] memory deposits = F.deposits();
        for (uint256 i = 0; i < deposits.length; i++) {
            F.Deposit memory d = deposits[i];
            depositAs(bridge, d.sender, d.account, d.keyX, d.keyY, d.amount);
        }
        submit(F.batch(1).publicData, 1);
    }

    function layout() internal pure returns (D.Layout memory) {
        return D.Layout(
            F.DEPOSIT_SLOTS,
            F.WITHDRAWAL_SLOTS,
            F.MARKET_ROWS,
            F.STEP_SLOTS,
            F.REQUEST_SLOTS,
            0,
            false
        );
    }

    function register() internal returns (uint256) {
        F.Request memory r = F.requests()[0];
        return bridge.forceWithdrawal(r.account, r.nonce, r.maxAmount, r.recipient, r.rX, r.rY, r.s);
    }

    function submit(uint256[] memory d, uint256 n) internal {
        F.Batch memory b = F.batch(n);
        vm.prank(OPERATOR);
        bridge.submitBatch(d, b.commitment, b.proof);
    }

    function expectRejected(uint256[] memory d, bytes memory reason) internal {
        F.Batch memory b = F.batch(2);
        vm.expectRevert(reason);
        vm.prank(OPERATOR);
        bridge.submitBatch(d, b.commitment, b.proof);
    }

    function paymentAt() internal pure returns (uint256) {
        return D.requestPaymentsAt(layout());
    }

    function test_theVerifierIsBoundToTheFixturesKeys() public view {
        assertEq(bridge.verifyingKeyHash(), F.VK_HASH);
    }

    function test_aRealProofServesTheRequestAndItsRecipientClaims() public {
        assertEq(register(), 0);
        submit(F.batch(2).publicData, 2);
        assertEq(bridge.requestsServed(), 1);
        assertEq(bridge.stateRoot(), F.batch(2).newRoot);
        F.Credit memory paid = F.batch(2).forced[0];
        assertEq(paid.to, F.requests()[0].recipient);
        assertGt(paid.amount, 0);
        assertEq(bridge.claimable(paid.to), paid.amount);
        assertEq(bridge.claim(paid.to), paid.amount);
        assertEq(token.balanceOf(paid.to), paid.amount);
    }

    function test_aRequestServedBeforeItsDeadlineCannotFreezeTheBridge() public {
        register();
        vm.warp(NOW + 60);
        submit(F.batch(2).publicData, 2);
        vm.warp(NOW + EXIT_DEADLINE + 1);
        vm.expectRevert(SettlementCustody.NoPendingRequest.selector);
        bridge.freeze();
    }

    function test_theSameRequestUnservedFreezesTheBridgeAtItsDeadline() public {
        register();
        vm.warp(NOW + EXIT_DEADLINE + 1);
        bridge.freeze();
        assertTrue(bridge.frozen());
    }

    function test_aBatchServingARequestNobodyRegisteredIsRefused() public {
        expectRejected(
            F.batch(2).publicData,
            abi.encodeWithSelector(SettlementBridge.RequestsNotQueued.selector, 1, 0)
        );
    }

    function test_aRequestSectionWithAnotherRecordIsRefused() public {
        register();
        uint256[] memory d = F.batch(2).publicData;
        d[D.requestsAt(layout()) + 3] = uint160(address(0xBAD)); // the slot's recipient
        expectRejected(
            d, abi.encodeWithSelector(SettlementBridge.RequestRecordsMismatch.selector, 0, 1)
        );
    }

    function test_aRequestPaidMoreThanProvenIsRefusedByTheRealVerifier() public {
        register();
        uint256[] memory d = F.batch(2).publicData;
        d[paymentAt()] += 1;
        expectRejected(d, abi.encodeWithSelector(BridgeRoles.InvalidProof.selector));
    }

    function test_aRequestPaidLessThanProvenIsRefusedByTheRealVerifier() public {
        register();
        uint256[] memory d = F.batch(2).publicData;
        d[paymentAt()] = 0;
        expectRejected(d, abi.encodeWithSelector(BridgeRoles.InvalidProof.selector));
    }

    function test_theProofDoesNotServeTheRequestAsUnserved() public {
        register();
        uint256[] memory d = F.batch(2).publicData;
        uint256 at = D.requestsAt(layout());
        d[at + 1] = 0; // claims to serve no request with the proof of a batch that served one
        for (uint256 i = at + 2; i < d.length; i++) {
            d[i] = 0;
        }
        expectRejected(d, abi.encodeWithSelector(BridgeRoles.InvalidProof.selector));
    }
}
