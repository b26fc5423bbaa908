// Tiny but well-formed video files for tests: the first bytes a content check reads (an MP4 `ftyp`
// box, a WebM EBML header) followed by filler, so no test needs a real recording.

/** An MP4: `ftyp` box with `major` brand and `compatible` brands, then an `mdat` box of `body` bytes. */
export function mp4Sample(major = 'isom', compatible: string[] = ['isom', 'mp41'], body = 256): Buffer {
  const ftyp = Buffer.alloc(16 + 4 * compatible.length);
  ftyp.writeUInt32BE(ftyp.length, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(major.padEnd(4, ' '), 8, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  compatible.forEach((b, i) => {
    ftyp.write(b.padEnd(4, ' '), 16 + 4 * i, 'latin1');
  });
  const mdat = Buffer.alloc(8 + body);
  mdat.writeUInt32BE(mdat.length, 0);
  mdat.write('mdat', 4, 'latin1');
  for (let i = 8; i < mdat.length; i += 1) mdat[i] = (i * 7) & 0xff;
  return Buffer.concat([ftyp, mdat]);
}

/** A WebM (or, with another DocType, a Matroska file): EBML header, then a Segment of `body` bytes. */
export function webmSample(docType = 'webm', body = 256): Buffer {
  const el = (id: number[], data: Buffer) => Buffer.from([...id, 0x80 | data.length, ...data]);
  const header = Buffer.concat([
    el([0x42, 0x86], Buffer.from([1])), // EBMLVersion
    el([0x42, 0xf7], Buffer.from([1])), // EBMLReadVersion
    el([0x42, 0xf2], Buffer.from([4])), // EBMLMaxIDLength
    el([0x42, 0xf3], Buffer.from([8])), // EBMLMaxSizeLength
    el([0x42, 0x82], Buffer.from(docType, 'latin1')), // DocType
    el([0x42, 0x87], Buffer.from([4])), // DocTypeVersion
    el([0x42, 0x85], Buffer.from([2])), // DocTypeReadVersion
  ]);
  const segment = Buffer.concat([
    Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    Buffer.alloc(body, 0x42),
  ]);
  return Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | header.length]), header, segment]);
}
