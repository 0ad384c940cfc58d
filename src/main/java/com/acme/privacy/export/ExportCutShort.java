package com.acme.privacy.export;

/**
 * An export failed after its first bytes were sent; it carries no cause, whose message might quote SQL. Public so that
 * the console's download, too, can let it reach the servlet container.
 */
public class ExportCutShort extends RuntimeException {

    ExportCutShort(String export) {
        super("The " + export + " export was cut short after the response began");
    }
}
