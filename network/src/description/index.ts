export * from './model';
export { loadNetworkDescription, defaultDescriptionPath, NetworkDescriptionError, type LoadOptions } from './load';
