// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {SettlementData as D} from "../src/SettlementData.sol";

/// Where the sections of a batch's public data are: the same numbers Java's PublicDataLayoutTest
/// asserts (and ledger.Capacities.PublicDataLen in Go counts).
contract LayoutTest is Test {
    function test_placesRequestsAndOwnerDataAfterTheSteps() public pure {
        D.Layout memory full = D.Layout(2, 1, 1, 4, 2, 3, false);
        assertEq(D.stepsAt(full), 17);
        assertEq(D.requestsAt(full), 21);
        assertEq(D.requestPaymentsAt(full), 21 + 2 + 2 * 5);
        assertEq(D.ownerDataAt(full), 35);
        assertEq(D.length(full), 35 + 6 + 3 * 13);
        assertEq(D.ownerDataAt(D.Layout(2, 1, 1, 0, 0, 3, false)), 17);
        assertEq(D.length(D.Layout(2, 1, 1, 0, 0, 0, false)), 17);
    }

    /// A -pm circuit's risk commitment: one element after everything else.
    function test_placesTheRiskCommitmentLast() public pure {
        D.Layout memory full = D.Layout(2, 1, 1, 4, 2, 3, true);
        assertEq(D.ownerDataAt(full), 35);
        assertEq(D.riskCommitmentAt(full), 35 + 6 + 3 * 13);
        assertEq(D.length(full), 35 + 6 + 3 * 13 + 1);
        assertEq(D.riskCommitmentAt(D.Layout(2, 1, 1, 0, 0, 0, true)), 17);
        assertEq(D.length(D.Layout(2, 1, 1, 0, 0, 0, true)), 18);
    }
}
