export { VideosSidebar, VideoView } from './VideoView';
