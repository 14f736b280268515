/* A tiny PKCS#11 spy for the tests: forwards every call to the module in
 * $EIMZA_SPY_MODULE and appends the function's name to $EIMZA_SPY_LOG, so a
 * test can prove that a whole kiosk session never logged in, signed,
 * decrypted or touched a PIN.
 *
 * Every PKCS#11 function takes at most eight integer or pointer arguments
 * and returns CK_RV, so one generic forwarder per slot of the function list
 * serves all of them on x86-64 (System V: surplus arguments are ignored by
 * the callee). Test code only. */
#include <dlfcn.h>
#include <p11-kit/pkcs11.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPY_FUNCTIONS 68

typedef CK_RV (*generic_fn)(uintptr_t, uintptr_t, uintptr_t, uintptr_t, uintptr_t, uintptr_t, uintptr_t, uintptr_t);

static const char *const names[SPY_FUNCTIONS] = {
    "C_Initialize",
    "C_Finalize",
    "C_GetInfo",
    "C_GetFunctionList",
    "C_GetSlotList",
    "C_GetSlotInfo",
    "C_GetTokenInfo",
    "C_GetMechanismList",
    "C_GetMechanismInfo",
    "C_InitToken",
    "C_InitPIN",
    "C_SetPIN",
    "C_OpenSession",
    "C_CloseSession",
    "C_CloseAllSessions",
    "C_GetSessionInfo",
    "C_GetOperationState",
    "C_SetOperationState",
    "C_Login",
    "C_Logout",
    "C_CreateObject",
    "C_CopyObject",
    "C_DestroyObject",
    "C_GetObjectSize",
    "C_GetAttributeValue",
    "C_SetAttributeValue",
    "C_FindObjectsInit",
    "C_FindObjects",
    "C_FindObjectsFinal",
    "C_EncryptInit",
    "C_Encrypt",
    "C_EncryptUpdate",
    "C_EncryptFinal",
    "C_DecryptInit",
    "C_Decrypt",
    "C_DecryptUpdate",
    "C_DecryptFinal",
    "C_DigestInit",
    "C_Digest",
    "C_DigestUpdate",
    "C_DigestKey",
    "C_DigestFinal",
    "C_SignInit",
    "C_Sign",
    "C_SignUpdate",
    "C_SignFinal",
    "C_SignRecoverInit",
    "C_SignRecover",
    "C_VerifyInit",
    "C_Verify",
    "C_VerifyUpdate",
    "C_VerifyFinal",
    "C_VerifyRecoverInit",
    "C_VerifyRecover",
    "C_DigestEncryptUpdate",
    "C_DecryptDigestUpdate",
    "C_SignEncryptUpdate",
    "C_DecryptVerifyUpdate",
    "C_GenerateKey",
    "C_GenerateKeyPair",
    "C_WrapKey",
    "C_UnwrapKey",
    "C_DeriveKey",
    "C_SeedRandom",
    "C_GenerateRandom",
    "C_GetFunctionStatus",
    "C_CancelFunction",
    "C_WaitForSlotEvent"
};

static generic_fn real[SPY_FUNCTIONS];
static CK_FUNCTION_LIST spy_list;
static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;

static void record(int index) {
    const char *path = getenv("EIMZA_SPY_LOG");
    if (!path) return;
    pthread_mutex_lock(&log_mutex);
    FILE *log = fopen(path, "a");
    if (log) {
        fprintf(log, "%s\n", names[index]);
        fclose(log);
    }
    pthread_mutex_unlock(&log_mutex);
}

#define FORWARD(i)                                                                                        \
    static CK_RV forward_##i(uintptr_t a, uintptr_t b, uintptr_t c, uintptr_t d, uintptr_t e, uintptr_t f,   \
                             uintptr_t g, uintptr_t h) {                                                 \
        record(i);                                                                                        \
        return real[i] ? real[i](a, b, c, d, e, f, g, h) : CKR_FUNCTION_NOT_SUPPORTED;                    \
    }

FORWARD(0)
FORWARD(1)
FORWARD(2)
FORWARD(3)
FORWARD(4)
FORWARD(5)
FORWARD(6)
FORWARD(7)
FORWARD(8)
FORWARD(9)
FORWARD(10)
FORWARD(11)
FORWARD(12)
FORWARD(13)
FORWARD(14)
FORWARD(15)
FORWARD(16)
FORWARD(17)
FORWARD(18)
FORWARD(19)
FORWARD(20)
FORWARD(21)
FORWARD(22)
FORWARD(23)
FORWARD(24)
FORWARD(25)
FORWARD(26)
FORWARD(27)
FORWARD(28)
FORWARD(29)
FORWARD(30)
FORWARD(31)
FORWARD(32)
FORWARD(33)
FORWARD(34)
FORWARD(35)
FORWARD(36)
FORWARD(37)
FORWARD(38)
FORWARD(39)
FORWARD(40)
FORWARD(41)
FORWARD(42)
FORWARD(43)
FORWARD(44)
FORWARD(45)
FORWARD(46)
FORWARD(47)
FORWARD(48)
FORWARD(49)
FORWARD(50)
FORWARD(51)
FORWARD(52)
FORWARD(53)
FORWARD(54)
FORWARD(55)
FORWARD(56)
FORWARD(57)
FORWARD(58)
FORWARD(59)
FORWARD(60)
FORWARD(61)
FORWARD(62)
FORWARD(63)
FORWARD(64)
FORWARD(65)
FORWARD(66)
FORWARD(67)

static generic_fn forwarders[SPY_FUNCTIONS] = {
forward_0, forward_1, forward_2, forward_3, forward_4, forward_5, forward_6, forward_7, forward_8, forward_9, forward_10, forward_11, forward_12, forward_13, forward_14, forward_15, forward_16, forward_17, forward_18, forward_19, forward_20, forward_21, forward_22, forward_23, forward_24, forward_25, forward_26, forward_27, forward_28, forward_29, forward_30, forward_31, forward_32, forward_33, forward_34, forward_35, forward_36, forward_37, forward_38, forward_39, forward_40, forward_41, forward_42, forward_43, forward_44, forward_45, forward_46, forward_47, forward_48, forward_49, forward_50, forward_51, forward_52, forward_53, forward_54, forward_55, forward_56, forward_57, forward_58, forward_59, forward_60, forward_61, forward_62, forward_63, forward_64, forward_65, forward_66, forward_67
};

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
    static CK_FUNCTION_LIST_PTR loaded = NULL;
    if (!list) return CKR_ARGUMENTS_BAD;
    if (!loaded) {
        const char *module = getenv("EIMZA_SPY_MODULE");
        void *handle = module ? dlopen(module, RTLD_NOW | RTLD_LOCAL) : NULL;
        CK_C_GetFunctionList get = handle ? (CK_C_GetFunctionList)dlsym(handle, "C_GetFunctionList") : NULL;
        if (!get || get(&loaded) != CKR_OK) return CKR_GENERAL_ERROR;
        spy_list.version = loaded->version;
        /* The function pointers follow the version, in the standard's order. */
        memcpy(real, &loaded->C_Initialize, sizeof real);
        memcpy(&spy_list.C_Initialize, forwarders, sizeof forwarders);
        spy_list.C_GetFunctionList = C_GetFunctionList;
    }
    record(3);
    *list = &spy_list;
    return CKR_OK;
}
