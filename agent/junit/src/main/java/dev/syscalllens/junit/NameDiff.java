package dev.syscalllens.junit;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two lists of syscall names ("  same", "- expected only", "+ actual only"). */
final class NameDiff {
    private NameDiff() {
    }

    static List<String> lines(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        // lcs[i][j]: longest common subsequence of expected[i..] and actual[j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = expected.get(i).equals(actual.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                out.add("  " + expected.get(i++));
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add("- " + expected.get(i++));
            } else {
                out.add("+ " + actual.get(j++));
            }
        }
        return out;
    }
}
