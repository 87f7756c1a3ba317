import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { createOffsetMapper } from "./offset-mapper";

export type Highlight = { id: string; start: number; end: number; verdict: string; focused?: boolean; flash?: boolean };

export const claimHighlightsKey = new PluginKey<DecorationSet>("claimHighlights");

function buildDecorations(state: EditorState, highlights: Highlight[]): DecorationSet {
  const mapper = createOffsetMapper(state.doc);
  const decorations: Decoration[] = [];
  for (const h of highlights) {
    const from = mapper.toPos(h.start);
    const to = mapper.toPos(h.end);
    if (to <= from) continue;
    decorations.push(
      Decoration.inline(
        from,
        to,
        {
          // A nodeName gives every claim its own element; without it ProseMirror merges the
          // attributes of overlapping decorations into one span and a nested claim loses its id.
          nodeName: "span",
          class: `claim-hl v-${h.verdict}${h.focused ? " is-focused" : ""}${h.flash ? " is-flash" : ""}`,
          "data-claim-id": h.id,
          "data-verdict": h.verdict,
        },
        { inclusiveStart: false, inclusiveEnd: false, claimId: h.id },
      ),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Claim highlights as ProseMirror decorations; replace them with setHighlights(). */
export const ClaimHighlights = Extension.create({
  name: "claimHighlights",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: claimHighlightsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, old, _oldState, newState) {
            const next = tr.getMeta(claimHighlightsKey) as Highlight[] | undefined;
            if (next) return buildDecorations(newState, next);
            return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
          },
        },
        props: {
          decorations(state) {
            return claimHighlightsKey.getState(state);
          },
        },
      }),
    ];
  },
});

/**
 * The article is read-only, but the editor stays "editable" so that a keyboard user gets a caret
 * and can select with shift+arrows. This plugin refuses every change to the text.
 */
export const RefuseEdits = Extension.create({
  name: "refuseEdits",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        filterTransaction: (tr) => !tr.docChanged,
        props: {
          handleTextInput: () => true,
          handlePaste: () => true,
          handleDrop: () => true,
        },
      }),
    ];
  },
});
