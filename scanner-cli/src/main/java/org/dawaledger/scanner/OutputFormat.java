/*
 * SPDX-License-Identifier: Apache-2.0
 */
package org.dawaledger.scanner;

/**
 * How answers are printed: for people ({@code text}), or a JSON object per line ({@code json}).
 */
enum OutputFormat {
    text, json
}
