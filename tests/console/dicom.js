// A minimal DICOM Part 10 file (explicit VR little endian, 8-bit MONOCHROME2, one frame) made from a
// PNG, so the console test can drop a real DICOM file without shipping one.
import { PNG } from 'pngjs';

const LONG_LENGTH_VRS = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN']);

function element(group, elem, vr, value) {
  let body;
  if (Buffer.isBuffer(value)) {
    body = value;
  } else if (vr === 'US') {
    body = Buffer.alloc(2);
    body.writeUInt16LE(value);
  } else if (vr === 'UL') {
    body = Buffer.alloc(4);
    body.writeUInt32LE(value);
  } else {
    body = Buffer.from(String(value), 'latin1');
  }
  if (body.length % 2) body = Buffer.concat([body, Buffer.from([vr === 'UI' || vr === 'OB' ? 0 : 0x20])]);
  const long = LONG_LENGTH_VRS.has(vr);
  const header = Buffer.alloc(long ? 12 : 8);
  header.writeUInt16LE(group, 0);
  header.writeUInt16LE(elem, 2);
  header.write(vr, 4, 'latin1');
  if (long) header.writeUInt32LE(body.length, 8);
  else header.writeUInt16LE(body.length, 6);
  return Buffer.concat([header, body]);
}

/** DICOM bytes holding the PNG's grey values (the red channel of an RGBA decode). */
export function dicomFromPng(pngBytes, { modality = 'CR', bodyPart = 'CHEST' } = {}) {
  const png = PNG.sync.read(pngBytes);
  const pixels = Buffer.alloc(png.width * png.height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = png.data[i * 4];

  const sopClass = '1.2.840.10008.5.1.4.1.1.1'; // Computed Radiography Image Storage
  const sopInstance = '2.25.' + BigInt('0x' + Buffer.from('medimaging-console-test').toString('hex').slice(0, 30)).toString();
  const explicitLittle = '1.2.840.10008.1.2.1';
  const metaBody = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 0x0002, 'UI', sopClass),
    element(0x0002, 0x0003, 'UI', sopInstance),
    element(0x0002, 0x0010, 'UI', explicitLittle),
    element(0x0002, 0x0012, 'UI', '2.25.1'),
  ]);
  const meta = Buffer.concat([element(0x0002, 0x0000, 'UL', metaBody.length), metaBody]);
  const dataset = Buffer.concat([
    element(0x0008, 0x0016, 'UI', sopClass),
    element(0x0008, 0x0018, 'UI', sopInstance),
    element(0x0008, 0x0060, 'CS', modality),
    element(0x0010, 0x0010, 'PN', 'Console^Test'),
    element(0x0018, 0x0015, 'CS', bodyPart),
    element(0x0028, 0x0002, 'US', 1),
    element(0x0028, 0x0004, 'CS', 'MONOCHROME2'),
    element(0x0028, 0x0010, 'US', png.height),
    element(0x0028, 0x0011, 'US', png.width),
    element(0x0028, 0x0100, 'US', 8),
    element(0x0028, 0x0101, 'US', 8),
    element(0x0028, 0x0102, 'US', 7),
    element(0x0028, 0x0103, 'US', 0),
    element(0x7fe0, 0x0010, 'OB', pixels),
  ]);
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'latin1'), meta, dataset]);
}
