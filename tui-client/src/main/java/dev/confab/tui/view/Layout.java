package dev.confab.tui.view;

/**
 * Where each pane goes on a screen of {@code columns} x {@code rows}: the room tree on the left,
 * the chat pane beside it, the input line and the status bar at the bottom. At 80 x 24 the tree
 * gets 22 columns; below 50 columns it is hidden so the chat stays readable.
 *
 * @param treeWidth  columns of the room tree, 0 when hidden (a separator column follows it)
 * @param chatLeft   the chat pane's first column
 * @param chatWidth  the chat pane's columns
 * @param chatRows   rows of the tree and the chat pane (from the top)
 * @param inputRow   the input line's row
 * @param statusRow  the status bar's row
 */
public record Layout(int columns, int rows, int treeWidth, int chatLeft, int chatWidth, int chatRows, int inputRow,
                     int statusRow) {

    /** The smallest screen drawn; smaller ones get a one-line request to grow. */
    public static final int MIN_COLUMNS = 30;
    public static final int MIN_ROWS = 6;
    private static final int HIDE_TREE_BELOW = 50;

    public static Layout of(int columns, int rows) {
        int tree = columns < HIDE_TREE_BELOW ? 0 : Math.max(16, Math.min(30, columns * 11 / 40));
        int chatLeft = tree == 0 ? 0 : tree + 1;
        return new Layout(columns, rows, tree, chatLeft, Math.max(0, columns - chatLeft), Math.max(0, rows - 2),
                rows - 2, rows - 1);
    }

    public boolean tooSmall() {
        return columns < MIN_COLUMNS || rows < MIN_ROWS;
    }
}
