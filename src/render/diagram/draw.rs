//! Drawing a header's fields as RFC 791 does: a bit ruler, then for each 32-bit row a border, a
//! line of names and a line of values, one column per bit. A field that continues onto the next
//! row has no border between the two, and a row that only continues fields from above is one
//! blank line high.

use super::headers::Field;
use crate::sanitize::terminal_safe;

const ROW_BITS: usize = 32;

/// A piece of a drawn line: plain, or part of the selecting field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Plain(String),
    Selected(String),
}

/// Which field covers each bit of each row (`None` past the end of the header).
type Rows = Vec<[Option<usize>; ROW_BITS]>;

/// Draws the fields: the ruler, then each row's border and lines, then the closing border.
pub fn draw(fields: &[Field]) -> Vec<Vec<Piece>> {
    let rows = owners(fields);
    let mut lines = vec![
        vec![Piece::Plain(
            " 0                   1                   2                   3".to_string(),
        )],
        vec![Piece::Plain(
            " 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1".to_string(),
        )],
    ];
    for row in 0..=rows.len() {
        lines.push(vec![Piece::Plain(border(&rows, row))]);
        if row < rows.len() {
            row_lines(fields, &rows, row, &mut lines);
        }
    }
    lines
}

fn owners(fields: &[Field]) -> Rows {
    let total: usize = fields.iter().map(|f| f.bits).sum();
    let mut rows = vec![[None; ROW_BITS]; total.div_ceil(ROW_BITS)];
    let mut bit = 0;
    for (index, field) in fields.iter().enumerate() {
        for b in bit..bit + field.bits {
            rows[b / ROW_BITS][b % ROW_BITS] = Some(index);
        }
        bit += field.bits;
    }
    rows
}

/// The field at `bit` of `row` (`None` outside the header or past the row's end).
fn owner(rows: &Rows, row: Option<usize>, bit: isize) -> Option<usize> {
    let row = rows.get(row?)?;
    usize::try_from(bit)
        .ok()
        .and_then(|b| row.get(b).copied())
        .flatten()
}

/// The border above row `below` (the last border when `below` is past the last row): dashes
/// where the field changes from the row above, and a `+` wherever a dash or a vertical line of
/// either row meets it.
fn border(rows: &Rows, below: usize) -> String {
    let above = below.checked_sub(1);
    let below = (below < rows.len()).then_some(below);
    // Does a vertical line stand at `boundary` (between bits boundary-1 and boundary) in a row?
    let edge = |row: Option<usize>, boundary: usize| {
        owner(rows, row, boundary as isize - 1) != owner(rows, row, boundary as isize)
    };
    let content = |bit: usize| {
        let (a, b) = (
            owner(rows, above, bit as isize),
            owner(rows, below, bit as isize),
        );
        // A border only where the field changes: none inside a field that continues from the
        // row above, none past the end of both rows.
        if bit >= ROW_BITS || a == b { ' ' } else { '-' }
    };
    let mut border = String::with_capacity(2 * ROW_BITS + 1);
    for boundary in 0..=ROW_BITS {
        let left = if boundary > 0 {
            content(boundary - 1)
        } else {
            ' '
        };
        let right = content(boundary);
        let corner = left == '-' || right == '-' || edge(above, boundary) || edge(below, boundary);
        border.push(if corner { '+' } else { ' ' });
        if boundary < ROW_BITS {
            border.push(right);
        }
    }
    border
}

/// A row's line of names and line of values; a row where no field starts only continues fields
/// from above, and one blank line will do.
fn row_lines(fields: &[Field], rows: &Rows, row: usize, lines: &mut Vec<Vec<Piece>>) {
    let starts = (0..ROW_BITS).any(|bit| {
        rows[row][bit].is_some_and(|index| row * ROW_BITS + bit == start_bit(fields, index))
    });
    let lines_of_row: &[bool] = if starts { &[false, true] } else { &[false] };
    for &show_value in lines_of_row {
        let mut line = Vec::new();
        let mut bit = 0;
        while bit < ROW_BITS {
            let Some(index) = rows[row][bit] else { break };
            let mut end = bit;
            while end < ROW_BITS && rows[row][end] == Some(index) {
                end += 1;
            }
            let field = &fields[index];
            let text = match (row * ROW_BITS + bit == start_bit(fields, index), show_value) {
                (false, _) => "",
                (true, false) => field.name,
                (true, true) => field.value.as_str(),
            };
            line.push(Piece::Plain("|".to_string()));
            let cell = centre(&terminal_safe(text), 2 * (end - bit) - 1);
            line.push(if field.selects {
                Piece::Selected(cell)
            } else {
                Piece::Plain(cell)
            });
            bit = end;
        }
        line.push(Piece::Plain("|".to_string()));
        lines.push(line);
    }
}

fn start_bit(fields: &[Field], index: usize) -> usize {
    fields[..index].iter().map(|f| f.bits).sum()
}

/// `text` centred in `width` columns, cut with an ellipsis when it does not fit.
pub(super) fn centre(text: &str, width: usize) -> String {
    let length = text.chars().count();
    if length > width {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        if width > 0 {
            cut.push('…');
        }
        return cut;
    }
    let left = (width - length) / 2;
    let right = width - length - left;
    format!("{}{text}{}", " ".repeat(left), " ".repeat(right))
}
