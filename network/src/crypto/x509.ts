// @peculiar/x509 resolves its algorithms through tsyringe, which needs the reflect polyfill loaded before it;
// importing the library through this module guarantees the order, and wires it to Node's webcrypto.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto);

export { x509 };
