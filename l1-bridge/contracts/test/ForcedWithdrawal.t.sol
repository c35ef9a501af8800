// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {SettlementBridge} from "../src/SettlementBridge.sol";
import {SettlementCustody} from "../src/SettlementCustody.sol";
import {PublicData} from "../src/PublicData.sol";
import {RecordChain} from "../src/RecordChain.sol";
import {SettlementData as D} from "../src/SettlementData.sol";
import {SyntheticBatches} from "./SyntheticBatches.sol";

/// Forced withdrawal requests: registered by anyone on the owner's behalf, kept as a running hash,
/// served by batches in queue order and credited as the batch's proof says. The bridge's own
/// bookkeeping runs on the accepting verifier (the settlement circuit that serves requests proves
/// the amounts); every way a batch could serve other requests than the queue's next ones is
/// attacked.
contract ForcedWithdrawalTest is SyntheticBatches {
    uint256 internal constant SLOTS = 3;
    uint256 internal constant L =
        2736030358979909402780800718157159386076813972158567259200215660948447373041;

    function setUp() public {
        deploySynthetic(D.Layout(2, 1, 1, 0, SLOTS, 2, false));
    }

    function request(uint256 i) internal pure returns (Request memory) {
        uint256 h = uint256(keccak256(abi.encode("request", i)));
        return Request(
            i + 1,
            i,
            1e6 + i,
            // i is a small index: the address fits.
            // forge-lint: disable-next-line(unsafe-typecast)
            address(uint160(0xA000 + i)),
            h % PublicData.R,
            (h >> 1) % PublicData.R,
            (h >> 2) % L
        );
    }

    function test_aRequestJoinsTheQueueAsABatchListsIt() public {
        Request memory r = request(0);
        vm.expectEmit(true, true, true, true, address(bridge));
        emit SettlementCustody.WithdrawalForced(
            0, r.account, r.recipient, r.nonce, r.maxAmount, r.rX, r.rY, r.s
        );
        assertEq(register(r), 0);
        assertEq(bridge.requestsQueued(), 1);
        assertEq(bridge.requestTime(0), block.timestamp);
        uint256[] memory d = nextBatch();
        putRequest(d, 0, r, 0);
        uint256 at = D.requestsAt(shape) + 2;
        assertEq(
            bridge.requestChain(1),
            RecordChain.linkRequest(bytes32(0), d[at], d[at + 1], d[at + 2], d[at + 3], d[at + 4])
        );
    }

    function test_requestsGoOnWhileBatchesArePaused() public {
        vm.prank(GUARDIAN);
        bridge.pause();
        assertEq(register(request(0)), 0);
    }

    function test_requestsOutsideTheLimitsAreRefused() public {
        Request memory r = request(0);
        r.account = 1 << 24;
        expectRefused(
            r, abi.encodeWithSelector(SettlementCustody.AccountOutOfRange.selector, r.account)
        );
        r = request(0);
        r.nonce = 1 << 63;
        expectRefused(
            r, abi.encodeWithSelector(SettlementCustody.NonceOutOfRange.selector, r.nonce)
        );
        r = request(0);
        r.maxAmount = 0;
        expectRefused(r, abi.encodeWithSelector(SettlementCustody.AmountOutOfRange.selector, 0));
        r.maxAmount = 1 << 63;
        expectRefused(
            r, abi.encodeWithSelector(SettlementCustody.AmountOutOfRange.selector, 1 << 63)
        );
        r = request(0);
        r.recipient = address(0);
        expectRefused(r, abi.encodeWithSelector(SettlementCustody.RecipientOutOfRange.selector, 0));
    }

    /// A signature the circuit could not even decompose would be a request no batch can serve: it
    /// is refused on L1, so that nobody can register one and freeze the bridge with it.
    function test_signaturesTheCircuitCannotReadAreRefused() public {
        Request memory r = request(0);
        r.rX = PublicData.R;
        expectRefused(r, signatureOutOfRange(r));
        r = request(0);
        r.rY = PublicData.R;
        expectRefused(r, signatureOutOfRange(r));
        r = request(0);
        r.s = L;
        expectRefused(r, signatureOutOfRange(r));
        r.s = L - 1;
        register(r);
    }

    function signatureOutOfRange(Request memory r) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(SettlementCustody.SignatureOutOfRange.selector, r.rX, r.rY, r.s);
    }

    function expectRefused(Request memory r, bytes memory reason) internal {
        vm.expectRevert(reason);
        register(r);
    }

    /// Batches serve the queue in order and credit what each request was paid (0: refused).
    function test_batchesServeRequestsInOrderAndCreditWhatTheyPaid() public {
        for (uint256 i = 0; i < 4; i++) {
            register(request(i));
        }
        uint256[] memory d = nextBatch();
        serving(d, 3);
        putRequest(d, 0, request(0), 500);
        putRequest(d, 1, request(1), 0);
        putRequest(d, 2, request(2), request(2).maxAmount);
        vm.expectEmit(true, true, true, true, address(bridge));
        emit SettlementCustody.ForcedWithdrawalServed(0, 1, request(0).recipient, 500);
        vm.expectEmit(true, true, true, true, address(bridge));
        emit SettlementCustody.ForcedWithdrawalServed(1, 1, request(1).recipient, 0);
        submitSynthetic(d);
        assertEq(bridge.requestsServed(), 3);
        assertEq(bridge.claimable(request(0).recipient), 500);
        assertEq(bridge.claimable(request(1).recipient), 0);
        assertEq(bridge.claimable(request(2).recipient), request(2).maxAmount);

        d = nextBatch();
        serving(d, 1);
        putRequest(d, 0, request(3), 7);
        submitSynthetic(d);
        assertEq(bridge.requestsServed(), 4);
        assertEq(bridge.claimable(request(3).recipient), 7);
    }

    /// A batch that serves nothing leaves the queue as it is.
    function test_aBatchMayServeNoRequest() public {
        register(request(0));
        submitSynthetic(nextBatch());
        assertEq(bridge.requestsServed(), 0);
        assertEq(bridge.batchCount(), 1);
    }

    function test_aBatchCannotStartAnywhereButTheFirstUnservedRequest() public {
        register(request(0));
        register(request(1));
        uint256[] memory d = nextBatch();
        serving(d, 1);
        d[D.requestsAt(shape)] = 1; // skips request 0
        putRequest(d, 0, request(1), 0);
        expectBatchRejected(
            d, abi.encodeWithSelector(SettlementBridge.WrongRequestStart.selector, 0, 1)
        );
    }

    function test_aBatchCannotServeRequestsInAnotherOrder() public {
        register(request(0));
        register(request(1));
        uint256[] memory d = nextBatch();
        serving(d, 2);
        putRequest(d, 0, request(1), 0);
        putRequest(d, 1, request(0), 0);
        expectBatchRejected(
            d, abi.encodeWithSelector(SettlementBridge.RequestRecordsMismatch.selector, 0, 2)
        );
    }

    /// The operator cannot serve a request it altered: a larger amount allowed, another recipient,
    /// another nonce or signature (each the record the circuit would check).
    function test_aBatchCannotServeAnAlteredRequest() public {
        register(request(0));
        for (uint256 field = 0; field < 5; field++) {
            Request memory r = request(0);
            if (field == 0) r.maxAmount += 1;
            if (field == 1) r.recipient = address(0xE7E);
            if (field == 2) r.nonce += 1;
            if (field == 3) r.rX ^= 1;
            if (field == 4) r.s ^= 1;
            uint256[] memory d = nextBatch();
            serving(d, 1);
            putRequest(d, 0, r, 0);
            expectBatchRejected(
                d, abi.encodeWithSelector(SettlementBridge.RequestRecordsMismatch.selector, 0, 1)
            );
        }
    }

    function test_aBatchCannotServeMoreThanItsSlotsOrWhatWasNeverRegistered() public {
        for (uint256 i = 0; i < SLOTS + 1; i++) {
            register(request(i));
        }
        uint256[] memory d = nextBatch();
        serving(d, SLOTS + 1);
        expectBatchRejected(
            d, abi.encodeWithSelector(SettlementBridge.TooManyRequests.selector, SLOTS + 1, SLOTS)
        );
        deploySynthetic(shape);
        register(request(0));
        d = nextBatch();
        serving(d, 2);
        putRequest(d, 0, request(0), 0);
        putRequest(d, 1, request(1), 0);
        expectBatchRejected(
            d, abi.encodeWithSelector(SettlementBridge.RequestsNotQueued.selector, 2, 1)
        );
    }

    function expectBatchRejected(uint256[] memory d, bytes memory reason) internal {
        vm.expectRevert(reason);
        submitSynthetic(d);
    }

    /// Any request within the limits joins the queue exactly as a batch lists it, and a batch
    /// listing it serves it.
    function testFuzz_anyValidRequestIsServedAsRegistered(
        uint256 account,
        uint256 nonce,
        uint256 maxAmount,
        address recipient,
        uint256 rX,
        uint256 rY,
        uint256 s
    ) public {
        vm.assume(recipient != address(0));
        Request memory r = Request(
            bound(account, 0, (1 << 24) - 1),
            bound(nonce, 0, (1 << 63) - 1),
            bound(maxAmount, 1, (1 << 63) - 1),
            recipient,
            bound(rX, 0, PublicData.R - 1),
            bound(rY, 0, PublicData.R - 1),
            bound(s, 0, L - 1)
        );
        register(r);
        uint256[] memory d = nextBatch();
        serving(d, 1);
        putRequest(d, 0, r, r.maxAmount);
        submitSynthetic(d);
        assertEq(bridge.claimable(recipient), r.maxAmount);
        assertEq(bridge.requestsServed(), 1);
    }

    /// Two requests swapped in a batch are accepted only when they are the same request.
    function testFuzz_swappedRequestsAreRefused(uint256 a, uint256 b) public {
        a = bound(a, 0, 5);
        b = bound(b, 0, 5);
        register(request(a));
        register(request(b));
        uint256[] memory d = nextBatch();
        serving(d, 2);
        putRequest(d, 0, request(b), 0);
        putRequest(d, 1, request(a), 0);
        if (a != b) {
            vm.expectRevert(
                abi.encodeWithSelector(SettlementBridge.RequestRecordsMismatch.selector, 0, 2)
            );
        }
        submitSynthetic(d);
    }
}

/// Cross-language: Go's request section (testdata/vectors/forced.txt) against the bridge's queue.
/// A contract of its own, so that ForcedWithdrawalTest's gas figures stay as they are.
contract GoRequestSectionTest is SyntheticBatches {
    function setUp() public {
        deploySynthetic(D.Layout(2, 1, 1, 0, 3, 2, false));
    }

    /// The request section Go's settlement circuit produced for batch 3 of
    /// testdata/vectors/forced.txt (elements 30-49 of its result.pubdata: start, count, three
    /// records, three payments), posted as it is after the same three requests were registered:
    /// Go's record packing is the one the bridge links into its queue, and the bridge credits
    /// what Go's circuit paid (alice 97,760,475, carol 1,000,000, account 40 nothing).
    function test_goRequestSectionServesTheBridgesQueue() public {
        Request[3] memory go_ = [
            Request(
                5,
                1,
                1 << 62,
                address(0xf005),
                0x23790f035871b92eb739b76efa64495d7297e0005724842ec3a7540632f7d5f3,
                0x0eb919627734045be0c34356843d18036c8895d3440174610bf51df60158b58c,
                0x00d4ae92b4d38ae2b62b9da8bfb8e35349f127631092839c59a2385e86111e9f
            ),
            Request(
                12,
                0,
                1_000_000,
                address(0xf00c),
                0x1bed20ea5b98eb139c8fca39a27ea1f232c8250ca9cf58a87f7ec01fb2ef833a,
                0x27f567536144c4a23ececa45c7e7648d7baacf55e9123db0f404d88c20b70806,
                0x0129bf47eb848199bdf31667497ea8964eb2292526fc658e2de77da20f005852
            ),
            Request(
                40,
                0,
                5,
                address(0xf028),
                0x2d5b1e4c555e91716f6afe9a426ec455191cb42479f6be9b4f6b36011006a8e2,
                0x192aa91dd21222444b807eccbfdcfbec7512661bcdef5f55c09157a5a325cca1,
                0x00b03fdea217ae0dc61e2cc4722f72b8a995a76b87df85d7fa47114326bcb679
            )
        ];
        uint256[20] memory section = [
            uint256(0),
            3,
            0x0000000000000000000000000040000000000000000000000000000001000005,
            0xf005,
            go_[0].rX,
            go_[0].rY,
            go_[0].s,
            0x0000000000000000000000000000000000000f4240000000000000000000000c,
            0xf00c,
            go_[1].rX,
            go_[1].rY,
            go_[1].s,
            0x0000000000000000000000000000000000000000050000000000000000000028,
            0xf028,
            go_[2].rX,
            go_[2].rY,
            go_[2].s,
            97_760_475,
            1_000_000,
            0
        ];
        for (uint256 i = 0; i < 3; i++) {
            register(go_[i]);
        }
        uint256[] memory d = nextBatch();
        for (uint256 i = 0; i < section.length; i++) {
            d[D.requestsAt(shape) + i] = section[i];
        }
        submitSynthetic(d);
        assertEq(bridge.requestsServed(), 3);
        assertEq(bridge.claimable(address(0xf005)), 97_760_475);
        assertEq(bridge.claimable(address(0xf00c)), 1_000_000);
        assertEq(bridge.claimable(address(0xf028)), 0);
    }
}
