/**
 * Append-only typed arrays that double when full: per-event numbers (running start time,
 * fd table id) cost 8 or 4 bytes an event instead of a boxed array slot.
 */
export class GrowableFloat64 {
  private data = new Float64Array(1024);
  private size = 0;
  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }
  get(index: number): number { return this.data[index]; }
  get length(): number { return this.size; }
}

export class GrowableInt32 {
  private data = new Int32Array(1024);
  private size = 0;
  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }
  get(index: number): number { return this.data[index]; }
  get length(): number { return this.size; }
}
