/** The goods lines of the certificate form: one fieldset a line, its product picker and line actions, and the marks image. */
import { GIM } from "../goods-import-messages.ts";
import { FM } from "../form-messages.ts";
import type { FormContext } from "../form-service.ts";
import type { Section } from "../form-layout.ts";
import { productsFor } from "../form-ops.ts";
import { BoxTitle, FieldView, OpButton, Slot } from "./form-fields.tsx";
import { inputId, slotId, type View } from "./form-model.ts";

export function GoodsEditor({ v, s }: { v: View; s: Extract<Section, { kind: "goods" }> }) {
  const goods = v.body.goods ?? [];
  const products = productsFor(v.type, v.context.products);
  return (
    <fieldset class="box goods" id="goods">
      <legend>{FM.goodsLegend}</legend>
      <ul class="box-titles">
        {s.boxes.map((b) => (
          <li>
            <BoxTitle no={b.no} zh={b.zh} en={b.titleEn} />
          </li>
        ))}
      </ul>
      <p class="hint">
        {FM.goodsIntro} <a href={`/certificates/${v.id}/goods-import`}>{GIM.entry}</a>
      </p>
      <Slot v={v} k="goods" />
      {!goods.length && <p>{FM.noGoods}</p>}
      <ol class="goods-lines">
        {goods.map((_, i) => (
          <li id={`line-${i}`}>
            <fieldset class="goods-line">
              <legend>{FM.line(i + 1)}</legend>
              <ProductPicker v={v} i={i} products={products} />
              <div class="line-fields">
                {s.line.map((f) => (
                  <FieldView v={v} f={f} line={i} />
                ))}
              </div>
              <LineActions v={v} i={i} count={goods.length} />
            </fieldset>
          </li>
        ))}
      </ol>
      <OpButton v={v} op="add" label={FM.addLine} focus="goods.add" class="secondary" />
      {s.marksImage && <MarksImage v={v} />}
    </fieldset>
  );
}

function ProductPicker({ v, i, products }: { v: View; i: number; products: Product[] }) {
  const id = inputId(`goods.${i}.product`);
  if (!products.length) return <p class="hint">{FM.noProducts}</p>;
  return (
    <div class="product-picker">
      <label for={id}>{FM.lineLabel("goods.*.product")}</label>
      <select id={id} name={`goods.${i}.product`} autofocus={v.focus === `goods.${i}.product` || undefined}>
        <option value="">{FM.choose}</option>
        {products.map((p) => (
          <option value={p.productId}>
            {FM.productOption(p.hsCode, p.nameZh, p.nameEn, p.agreements.find((a) => a.type === v.type.code)?.originCriterion ?? null)}
          </option>
        ))}
      </select>
      <OpButton v={v} op={`fill:${i}`} label={FM.fill} ariaLabel={FM.lineAction(FM.fill, i + 1)} />
    </div>
  );
}

type Product = FormContext["products"][number];

function LineActions({ v, i, count }: { v: View; i: number; count: number }) {
  const n = i + 1;
  return (
    <div class="line-actions">
      {i > 0 && <OpButton v={v} op={`up:${i}`} label={FM.upLine} ariaLabel={FM.lineAction(FM.upLine, n)} focus={`goods.${i}.op.up`} />}
      {i < count - 1 && <OpButton v={v} op={`down:${i}`} label={FM.downLine} ariaLabel={FM.lineAction(FM.downLine, n)} focus={`goods.${i}.op.down`} />}
      <OpButton v={v} op={`copy:${i}`} label={FM.copyLine} ariaLabel={FM.lineAction(FM.copyLine, n)} />
      <OpButton v={v} op={`remove:${i}`} label={FM.removeLine} ariaLabel={FM.lineAction(FM.removeLine, n)} class="secondary small danger" />
    </div>
  );
}

function MarksImage({ v }: { v: View }) {
  const url = `${v.action}/marks-image`;
  return (
    <div class="field marks-image" id="w-marksImage">
      <label for={inputId("marksImage")}>
        {FM.label("marksImage")}
        <span class="hint"> {FM.marksImageChoose}</span>
      </label>
      {v.marksImage && (
        <p>
          {FM.marksImageCurrent(Math.ceil(v.marksImage.size / 1024))} <a href={url}>{FM.marksImageView}</a>
        </p>
      )}
      <input type="file" id={inputId("marksImage")} name="file" accept="image/jpeg,image/png,image/gif" aria-describedby={slotId("marksImage")} />
      <button
        type="submit"
        formaction={url}
        formenctype="multipart/form-data"
        class="secondary small"
        hx-post={url}
        hx-encoding="multipart/form-data"
        hx-target="#cert-form"
        hx-swap="outerHTML"
      >
        {FM.marksImageUpload}
      </button>
      <Slot v={v} k="marksImage" />
    </div>
  );
}
