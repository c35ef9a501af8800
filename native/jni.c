// Hand-written JNI glue between dev.sable.prover.jni.NativeBindings and the Go exports.
// Rules kept here: Java arrays are copied into C memory before Go sees them (Go copies again with
// C.GoBytes), results come back in C.malloc'd buffers that this file frees, and every Go error or
// recovered panic becomes a dev.sable.prover.NativeException carrying Go's message.
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "_cgo_export.h"

#define EXCEPTION_CLASS "dev/sable/prover/NativeException"

static void throw_message(JNIEnv *env, const char *msg) {
  jclass cls = (*env)->FindClass(env, EXCEPTION_CLASS);
  if (cls != NULL) {
    (*env)->ThrowNew(env, cls, msg);
  }
}

// Throws for a failed Go call and frees its message; returns 1 if the call failed. Always call the
// Go function first and pass its result: C leaves the order of argument evaluation unspecified.
static int check(JNIEnv *env, int rc, char *err) {
  if (rc == 0) {
    return 0;
  }
  throw_message(env, err != NULL ? err : "native call failed without a message");
  free(err);
  return 1;
}

// Copies a Java byte array into malloc'd memory; NULL (with an exception pending) on failure.
static char *copy_in(JNIEnv *env, jbyteArray array, int *len) {
  if (array == NULL) {
    throw_message(env, "null byte array");
    return NULL;
  }
  *len = (*env)->GetArrayLength(env, array);
  char *buf = malloc(*len > 0 ? *len : 1);
  if (buf == NULL) {
    throw_message(env, "out of native memory");
    return NULL;
  }
  (*env)->GetByteArrayRegion(env, array, 0, *len, (jbyte *)buf);
  return buf;
}

static jbyteArray bytes_out(JNIEnv *env, char *buf, int len) {
  jbyteArray array = (*env)->NewByteArray(env, len);
  if (array != NULL) {
    (*env)->SetByteArrayRegion(env, array, 0, len, (const jbyte *)buf);
  }
  free(buf);
  return array;
}

/* A library function from one byte array to another (the Go exports' shared signature). */
typedef int (*bytes_fn)(char *in, int in_len, char **out, int *out_len, char **err);

/* Calls fn on the array's bytes: its output as a new array, or NULL with the exception thrown. */
static jbyteArray bytes_to_bytes(JNIEnv *env, jbyteArray in, bytes_fn fn) {
  int in_len = 0;
  char *c_in = copy_in(env, in, &in_len);
  if (c_in == NULL) {
    return NULL;
  }
  char *out = NULL, *err = NULL;
  int len = 0;
  int rc = fn(c_in, in_len, &out, &len, &err);
  free(c_in);
  if (check(env, rc, err)) {
    return NULL;
  }
  return bytes_out(env, out, len);
}

static jstring string_out(JNIEnv *env, char *buf, int len) {
  char *terminated = realloc(buf, len + 1);
  if (terminated == NULL) {
    free(buf);
    throw_message(env, "out of native memory");
    return NULL;
  }
  terminated[len] = 0;
  jstring s = (*env)->NewStringUTF(env, terminated);
  free(terminated);
  return s;
}

/* A library function from one string to another (SableCeremony's and SableCompile's signature). */
typedef int (*string_fn)(char *in, char **out, int *out_len, char **err);

/* Calls fn on the string: its output as a new string, or NULL with the exception thrown (missing:
   the message when the string is null). */
static jstring string_to_string(JNIEnv *env, jstring in, const char *missing, string_fn fn) {
  if (in == NULL) {
    throw_message(env, missing);
    return NULL;
  }
  const char *c_in = (*env)->GetStringUTFChars(env, in, NULL);
  char *out = NULL, *err = NULL;
  int len = 0;
  int rc = fn((char *)c_in, &out, &len, &err);
  (*env)->ReleaseStringUTFChars(env, in, c_in);
  if (check(env, rc, err)) {
    return NULL;
  }
  return string_out(env, out, len);
}

JNIEXPORT void JNICALL Java_dev_sable_prover_jni_NativeBindings_configure(
    JNIEnv *env, jclass cls, jint max_procs, jlong mem_limit) {
  SableConfigure(max_procs, mem_limit);
}

JNIEXPORT jstring JNICALL Java_dev_sable_prover_jni_NativeBindings_libraryVersions(JNIEnv *env,
                                                                                   jclass cls) {
  char *out = NULL;
  int len = 0;
  SableLibraryVersions(&out, &len);
  return string_out(env, out, len);
}

JNIEXPORT jstring JNICALL Java_dev_sable_prover_jni_NativeBindings_setup(JNIEnv *env, jclass cls,
                                                                         jstring circuit,
                                                                         jstring key_dir,
                                                                         jboolean development_setup) {
  if (circuit == NULL || key_dir == NULL) {
    throw_message(env, "circuit name and key directory are required");
    return NULL;
  }
  const char *c_circuit = (*env)->GetStringUTFChars(env, circuit, NULL);
  const char *c_dir = (*env)->GetStringUTFChars(env, key_dir, NULL);
  char *out = NULL, *err = NULL;
  int len = 0;
  int rc = SableSetup((char *)c_circuit, (char *)c_dir, development_setup ? 1 : 0, &out, &len, &err);
  (*env)->ReleaseStringUTFChars(env, circuit, c_circuit);
  (*env)->ReleaseStringUTFChars(env, key_dir, c_dir);
  if (check(env, rc, err)) {
    return NULL;
  }
  return string_out(env, out, len);
}

JNIEXPORT jstring JNICALL Java_dev_sable_prover_jni_NativeBindings_setupAggregate(
    JNIEnv *env, jclass cls, jstring circuit, jstring key_dir, jlong inner_handle,
    jboolean development_setup) {
  if (circuit == NULL || key_dir == NULL) {
    throw_message(env, "circuit name and key directory are required");
    return NULL;
  }
  const char *c_circuit = (*env)->GetStringUTFChars(env, circuit, NULL);
  const char *c_dir = (*env)->GetStringUTFChars(env, key_dir, NULL);
  char *out = NULL, *err = NULL;
  int len = 0;
  int rc = SableSetupAggregate((char *)c_circuit, (char *)c_dir, (uintptr_t)inner_handle,
                               development_setup ? 1 : 0, &out, &len, &err);
  (*env)->ReleaseStringUTFChars(env, circuit, c_circuit);
  (*env)->ReleaseStringUTFChars(env, key_dir, c_dir);
  if (check(env, rc, err)) {
    return NULL;
  }
  return string_out(env, out, len);
}

JNIEXPORT jstring JNICALL Java_dev_sable_prover_jni_NativeBindings_proveAggregate(
    JNIEnv *env, jclass cls, jlong handle, jstring request) {
  if (request == NULL) {
    throw_message(env, "an aggregate request is required");
    return NULL;
  }
  const char *c_request = (*env)->GetStringUTFChars(env, request, NULL);
  char *out = NULL, *err = NULL;
  int len = 0;
  int rc = SableProveAggregate((uintptr_t)handle, (char *)c_request, &out, &len, &err);
  (*env)->ReleaseStringUTFChars(env, request, c_request);
  if (check(env, rc, err)) {
    return NULL;
  }
  return string_out(env, out, len);
}

JNIEXPORT void JNICALL Java_dev_sable_prover_jni_NativeBindings_release(JNIEnv *env, jclass cls,
                                                                        jlong handle) {
  char *err = NULL;
  int rc = SableRelease((uintptr_t)handle, &err);
  check(env, rc, err);
}

JNIEXPORT jbyteArray JNICALL Java_dev_sable_prover_jni_NativeBindings_prove(JNIEnv *env, jclass cls,
                                                                            jlong handle,
                                                                            jbyteArray witness,
                                                                            jboolean for_aggregate) {
  int wit_len = 0;
  char *wit = copy_in(env, witness, &wit_len);
  if (wit == NULL) {
    return NULL;
  }
  char *out = NULL, *err = NULL;
  int len = 0;
  int rc = SableProve((uintptr_t)handle, wit, wit_len, for_aggregate ? 1 : 0, &out, &len, &err);
  free(wit);
  if (check(env, rc, err)) {
    return NULL;
  }
  return bytes_out(env, out, len);
}

JNIEXPORT jboolean JNICALL Java_dev_sable_prover_jni_NativeBindings_verify(
    JNIEnv *env, jclass cls, jlong handle, jbyteArray proof, jbyteArray public_witness,
    jboolean for_aggregate) {
  int proof_len = 0, pub_len = 0;
  char *c_proof = copy_in(env, proof, &proof_len);
  if (c_proof == NULL) {
    return JNI_FALSE;
  }
  char *c_pub = copy_in(env, public_witness, &pub_len);
  if (c_pub == NULL) {
    free(c_proof);
    return JNI_FALSE;
  }
  char *err = NULL;
  int valid = 0;
  int rc = SableVerify((uintptr_t)handle, c_proof, proof_len, c_pub, pub_len, for_aggregate ? 1 : 0,
                       &valid, &err);
  free(c_proof);
  free(c_pub);
  if (check(env, rc, err)) {
    return JNI_FALSE;
  }
  return valid ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jbyteArray JNICALL Java_dev_sable_prover_jni_NativeBindings_proofToSolidity(
    JNIEnv *env, jclass cls, jbyteArray proof) {
  return bytes_to_bytes(env, proof, SableProofToSolidity);
}

JNIEXPORT jbyteArray JNICALL Java_dev_sable_prover_jni_NativeBindings_blobOpen(
    JNIEnv *env, jclass cls, jbyteArray data) {
  return bytes_to_bytes(env, data, SableBlobOpen);
}

JNIEXPORT jbyteArray JNICALL Java_dev_sable_prover_jni_NativeBindings_blobCellProofs(
    JNIEnv *env, jclass cls, jbyteArray data) {
  return bytes_to_bytes(env, data, SableBlobCellProofs);
}

JNIEXPORT jstring JNICALL Java_dev_sable_prover_jni_NativeBindings_exportSolidity(JNIEnv *env,
                                                                                  jclass cls,
                                                                                  jlong handle) {
  char *out = NULL, *err = NULL;
  int len = 0;
  int rc = SableExportSolidity((uintptr_t)handle, &out, &len, &err);
  if (check(env, rc, err)) {
    return NULL;
  }
  return string_out(env, out, len);
}

JNIEXPORT jbyteArray JNICALL Java_dev_sable_prover_jni_NativeBindings_poseidon2Compress(
    JNIEnv *env, jclass cls, jbyteArray left, jbyteArray right) {
  if (left == NULL || right == NULL || (*env)->GetArrayLength(env, left) != 32 ||
      (*env)->GetArrayLength(env, right) != 32) {
    throw_message(env, "poseidon2Compress takes two 32-byte big-endian field elements");
    return NULL;
  }
  char l[32], r[32], out[32];
  char *err = NULL;
  (*env)->GetByteArrayRegion(env, left, 0, 32, (jbyte *)l);
  (*env)->GetByteArrayRegion(env, right, 0, 32, (jbyte *)r);
  int rc = SablePoseidon2Compress(l, r, out, &err);
  if (check(env, rc, err)) {
    return NULL;
  }
  jbyteArray array = (*env)->NewByteArray(env, 32);
  if (array != NULL) {
    (*env)->SetByteArrayRegion(env, array, 0, 32, (const jbyte *)out);
  }
  return array;
}

JNIEXPORT jboolean JNICALL Java_dev_sable_prover_jni_NativeBindings_eddsaVerify(JNIEnv *env,
                                                                              jclass cls,
                                                                              jbyteArray in) {
  enum { FIXED = 192, MAX = 320 };
  jsize n = in == NULL ? 0 : (*env)->GetArrayLength(env, in);
  if (n < FIXED || n > MAX || n % 32 != 0) {
    throw_message(env,
                  "eddsaVerify takes A.x, A.y, R.x, R.y, S, the message state and 0 to 4 words: "
                  "192 to 320 bytes, a multiple of 32");
    return JNI_FALSE;
  }
  char buf[MAX]; // on the stack: the one copy of the input, which Go reads in place
  char *err = NULL;
  int valid = 0;
  (*env)->GetByteArrayRegion(env, in, 0, n, (jbyte *)buf);
  int rc = SableEdDsaVerify(buf, n, &valid, &err);
  if (check(env, rc, err)) {
    return JNI_FALSE;
  }
  return valid ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT void JNICALL Java_dev_sable_prover_jni_NativeBindings_selfTestPanic(JNIEnv *env,
                                                                              jclass cls) {
  char *err = NULL;
  int rc = SableSelfTestPanic(&err);
  check(env, rc, err);
}

JNIEXPORT jstring JNICALL Java_dev_sable_prover_jni_NativeBindings_ceremony(JNIEnv *env, jclass cls,
                                                                            jstring request) {
  return string_to_string(env, request, "a ceremony request is required", SableCeremony);
}

JNIEXPORT jstring JNICALL Java_dev_sable_prover_jni_NativeBindings_compile(JNIEnv *env, jclass cls,
                                                                           jstring circuit) {
  return string_to_string(env, circuit, "a circuit name is required", SableCompile);
}

JNIEXPORT jstring JNICALL Java_dev_sable_prover_jni_NativeBindings_check(JNIEnv *env, jclass cls,
                                                                         jlong handle,
                                                                         jbyteArray witness) {
  int wit_len = 0;
  char *wit = copy_in(env, witness, &wit_len);
  if (wit == NULL) {
    return NULL;
  }
  char *out = NULL, *err = NULL;
  int len = 0;
  int rc = SableCheck((uintptr_t)handle, wit, wit_len, &out, &len, &err);
  free(wit);
  if (check(env, rc, err)) {
    return NULL;
  }
  return string_out(env, out, len);
}
