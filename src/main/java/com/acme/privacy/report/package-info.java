/**
 * Reports computed from the records: the yearly figures CCPA Regs §7102 asks a business to compile (requests to delete
 * received, complied with in whole or in part, denied; median and mean days to answer the subject).
 */
@ApplicationModule(displayName = "Reports", allowedDependencies = {"erasure::responses", "erasure::regulations"})
package com.acme.privacy.report;

import org.springframework.modulith.ApplicationModule;
