import { neutraliseBidiControls } from '../../../functions/platform/text/neutralise-bidi-controls.ts';

type Child = Node | string | number | undefined | false;

/**
 * An element with attributes and children. Strings become text nodes (never markup: there is no
 * innerHTML anywhere in the console), with bidirectional controls made visible, so text from a
 * customer or another supervisor can neither inject markup nor reorder what is shown around it.
 *
 * @example
 * ```ts
 * el('p', { class: 'notice' }, 'Claimed by ', holder);
 * ```
 */
export const el = <Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Readonly<Record<string, string | boolean | undefined>> = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[Tag] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  element.append(...children.filter((child) => child !== undefined && child !== false).map(asNode));
  return element;
};

const asNode = (child: Child): Node => (typeof child === 'object' && child !== null ? child : document.createTextNode(neutraliseBidiControls(String(child))));
